#!/usr/bin/env bash
# Run pidtop's Windows tests under Wine (see docs/windows.md).
#
# Installs wine64 and the MinGW cross compiler with apt if they are missing
# (~1 GB on disk), builds the stub bcryptprimitives.dll that Go >= 1.22 binaries
# need under Wine 8.0 from scripts/wine/bcryptprimitives.c, creates a fresh Wine
# prefix in a temporary directory, runs the Windows test binaries of the packages
# that have Windows tests, and always stops that prefix's wineserver and removes
# the directory. Exits with the tests' status.
set -euo pipefail

cd "$(dirname "$0")/.."

WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver64
CC=x86_64-w64-mingw32-gcc
PKGS=(./internal/winproc/... ./internal/control/... ./internal/collect/...)
GO=${GO:-go}

log() { printf 'test-windows: %s\n' "$*" >&2; }

install_missing() {
	local need=()
	[[ -x $WINE && -x $WINESERVER ]] || need+=(wine64)
	command -v "$CC" >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
	((${#need[@]} == 0)) && return 0
	local sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null || { log "need root or sudo to install ${need[*]}"; exit 2; }
		sudo=(sudo)
	fi
	log "installing ${need[*]} with apt"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

install_missing

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pidtop-wine.XXXXXX")
export WINEPREFIX=$tmp/prefix WINEDEBUG=-all
# No Mono or Gecko install prompts: the tests need neither.
export WINEDLLOVERRIDES="mscoree=d;mshtml=d"

cleanup() {
	"$WINESERVER" -k 2>/dev/null || true
	"$WINESERVER" -w 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "creating a Wine prefix in $WINEPREFIX"
timeout 120 "$WINE" wineboot --init >/dev/null 2>&1

log "building the bcryptprimitives.dll stub"
"$CC" -shared -O2 -s -o "$tmp/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32
cp "$tmp/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

# Only the packages that have test files when built for Windows.
mapfile -t pkgs < <(GOOS=windows GOARCH=amd64 "$GO" list \
	-f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' "${PKGS[@]}")
if ((${#pkgs[@]} == 0)); then
	log "no package has Windows tests"
	exit 1
fi

log "testing ${pkgs[*]}"
status=0
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$GO" test -count=1 -timeout 5m \
	-exec "$WINE" "$@" "${pkgs[@]}" || status=$?
exit "$status"
