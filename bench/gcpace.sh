#!/usr/bin/env bash
# gcpace.sh N [OFF…]: how the memory layer (gcroom) paces Go's
# collector in the viewer, and what that costs. /proc is topped up to N
# processes (bench/cmd/spawn); then for each OFF (a PIDTOP_OFF value; "-" for
# every layer on) pidtop -d 10 runs in a 200×50 pane of a private tmux server
# with GODEBUG=gctrace=1, and procmon measures it for WINDOW seconds after
# WARMUP. One row a run: collections per refresh (gctrace's lines in the
# window), CPU ms per refresh, RSS at the end, voluntary switches per second,
# and those of its busiest thread (Go's sysmon, as in idle.sh).
#
# Knobs: WINDOW=30 WARMUP=9 ROUNDS=1 (the variants alternate within a round).
# PIDTOP_BIN=FILE measures that binary instead of building ./cmd/pidtop.
# Default OFF list: "- gcroom".
set -uo pipefail
export LC_ALL=C
N=${1:-}
if [[ ! $N =~ ^[0-9]+$ ]]; then
	echo "usage: $0 N [OFF…]" >&2
	exit 2
fi
shift
VARIANTS=("$@")
((${#VARIANTS[@]})) || VARIANTS=(- gcroom)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out
WINDOW=${WINDOW:-30} WARMUP=${WARMUP:-9} ROUNDS=${ROUNDS:-1}
TMUXC="tmux -L pidtop-gcpace-$$ -f /dev/null"
TMP=$(mktemp -d /tmp/pidtop-gcpace.XXXXXX)
LOG=$TMP/log
BG_PIDS=()
SPAWN_PID=
# shellcheck source=lib/setup.sh
. "$HERE/lib/setup.sh"
# shellcheck source=lib/viewer.sh
. "$HERE/lib/viewer.sh"
# shellcheck source=lib/threads.sh
. "$HERE/lib/threads.sh"
cleanup() {
	$TMUXC kill-server 2>/dev/null
	[[ -n $SPAWN_PID ]] && kill -TERM "$SPAWN_PID" 2>/dev/null && wait "$SPAWN_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$OUT"
build
if [[ -n ${PIDTOP_BIN:-} ]]; then
	cp "$PIDTOP_BIN" "$OUT/pidtop" || exit 1
elif ((!PIDTOP_BUILT)); then
	exit 1
fi
start_spawn "$N"

gcs() { grep -c '^gc ' "$1" 2>/dev/null || true; }

echo "## $(date '+%F %T'): bench/gcpace.sh $N ${VARIANTS[*]} (WINDOW=$WINDOW, $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null))"
echo
echo "| PIDTOP_OFF | N | collections/refresh | CPU ms/refresh | RSS MiB | voluntary/s | busiest thread's |"
echo "|---|---|---|---|---|---|---|"
mkdir -p "$TMP/home"
for ((r = 1; r <= ROUNDS; r++)); do
	for v in "${VARIANTS[@]}"; do
		off=$v
		[[ $v == - ]] && off=
		gclog=$TMP/gc.log
		: >"$gclog"
		$TMUXC new-session -d -s v -x 200 -y 50 -e LANG=C.UTF-8 -e HOME="$TMP/home" \
			"exec env PIDTOP_OFF=$off GODEBUG=gctrace=1 $OUT/pidtop -d 10 2>$gclog" || exit 1
		pid=$($TMUXC display -p -t v '#{pane_pid}')
		"$OUT/procmon" -pid "$pid" -after "${WARMUP}s" -window "${WINDOW}s" >"$TMP/mon" &
		mon=$!
		nap "$WARMUP"
		vol_by_thread "$pid"
		before=$VOLS g1=$(gcs "$gclog")
		wait "$mon"
		vol_by_thread "$pid"
		after=$VOLS g2=$(gcs "$gclog")
		line=$(<"$TMP/mon")
		$TMUXC kill-session -t v
		awk -v off="$v" -v n="$(count_procs)" -v w="$(kv "$line" window_s)" -v c="$(kv "$line" cpu_ns)" \
			-v g="$((g2 - g1))" -v vv="$(kv "$line" vcsw)" -v b="$(busiest "$before" "$after")" \
			-v rss="$(kv "$line" rss_kib)" 'BEGIN {
			printf "| %s | %d | %.2f | %.1f | %.1f | %.2f | %.2f |\n", off, n, g / w, c / 1e6 / w, rss / 1024, vv / w, b / w }'
	done
done
