#!/usr/bin/env bash
# Release build: the seven static binaries of `make cross`, the man page and
# completions, a .deb per Linux architecture, and SHA256SUMS, into OUT (dist/).
# Reproducible: the same commit gives the same bytes (-trimpath, no build ID,
# file times from the commit, sorted archives); scripts/release-check.sh tests it.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?set VERSION (make release does)}"
OUT=${OUT:-dist}
GO=${GO:-go}
: "${TARGETS:?set TARGETS, the GOOS/GOARCH list (make release passes the make cross list)}"
export CGO_ENABLED=0 GOFLAGS=-trimpath
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
export TZ=UTC LC_ALL=C
umask 022
ldflags="-s -w -buildid= -X main.version=$VERSION"

rm -rf "$OUT"
mkdir -p "$OUT"
for t in $TARGETS; do
  os=${t%/*} arch=${t#*/} ext=
  [[ $os == windows ]] && ext=.exe
  echo "build $t"
  GOOS=$os GOARCH=$arch $GO build -ldflags "$ldflags" -o "$OUT/pidtop-$VERSION-$os-$arch$ext" ./cmd/pidtop
done

# The man page and completions, written by a build for this machine (their
# text depends on the source and VERSION only).
gen=$(mktemp -d)
trap 'rm -rf "$gen"' EXIT
$GO build -ldflags "$ldflags" -o "$gen/pidtop" ./cmd/pidtop
for what in man bash zsh fish; do "$gen/pidtop" --generate=$what >"$gen/$what"; done

# A Debian version must start with a digit, and a '-' would start the
# revision: a tag (v1.2.3) gives 1.2.3, anything else (a commit) 0~git<commit>.
debver=${VERSION#v}
[[ $debver =~ ^[0-9]+\.[0-9] ]] || debver="0~git$debver"
debver=${debver//-/+}

for arch in amd64 arm64; do
  bin="$OUT/pidtop-$VERSION-linux-$arch"
  [[ -f $bin ]] || continue
  root="$gen/deb-$arch"
  install -D -m 755 "$bin" "$root/usr/bin/pidtop"
  install -d "$root/usr/share/man/man1" "$root/DEBIAN"
  gzip -9 -n <"$gen/man" >"$root/usr/share/man/man1/pidtop.1.gz"
  install -D -m 644 "$gen/bash" "$root/usr/share/bash-completion/completions/pidtop"
  install -D -m 644 "$gen/zsh" "$root/usr/share/zsh/vendor-completions/_pidtop"
  install -D -m 644 "$gen/fish" "$root/usr/share/fish/vendor_completions.d/pidtop.fish"
  install -D -m 644 LICENSE "$root/usr/share/doc/pidtop/copyright"
  size=$(du -sk --apparent-size "$root" | cut -f1)
  cat >"$root/DEBIAN/control" <<CONTROL
Package: pidtop
Version: $debver
Architecture: $arch
Maintainer: pidtop developers <pidtop@invalid>
Installed-Size: $size
Section: utils
Priority: optional
Description: interactive process viewer with htop's keys
 pidtop shows every process with its CPU and memory use, as a list or a
 tree, with htop's keys to sort, search, filter, send signals and renice.
 It also prints snapshots as text, JSON Lines or CSV for scripts.
CONTROL
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT/pidtop_${debver}_$arch.deb" >/dev/null
  echo "deb $OUT/pidtop_${debver}_$arch.deb"
done

(cd "$OUT" && sha256sum -- * >SHA256SUMS)
cat "$OUT/SHA256SUMS"
