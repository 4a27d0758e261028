#!/usr/bin/env bash
# gcpace.sh N [OFF…]: how the memory layers (gcroom, memlimit) pace Go's
# collector in the viewer, and what that costs. /proc is topped up to N
# processes (bench/out/spawn); then for each OFF (a PIDTOP_OFF value; "-" for
# every layer on) pidtop -d 10 runs in a 200×50 pane of a private tmux server
# with GODEBUG=gctrace=1, and over WINDOW seconds after WARMUP the script
# counts collections per refresh (gctrace lines), CPU ms per refresh (the
# threads' schedstat), RSS at the end, and voluntary switches per second, all
# threads and Go's sysmon thread (the process's second thread) apart.
#
# Knobs: WINDOW=30 WARMUP=9 ROUNDS=1 (variants alternate within a round).
# PIDTOP_BIN=FILE measures that binary instead of building ./cmd/pidtop.
# Default OFF list: "- memlimit gcroom gcroom,memlimit".
set -uo pipefail
export LC_ALL=C
N=${1:-}
if [[ ! $N =~ ^[0-9]+$ ]]; then
	echo "usage: $0 N [OFF…]" >&2
	exit 2
fi
shift
VARIANTS=("$@")
((${#VARIANTS[@]})) || VARIANTS=(- memlimit gcroom gcroom,memlimit)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out
WINDOW=${WINDOW:-30} WARMUP=${WARMUP:-9} ROUNDS=${ROUNDS:-1}
TMUXC="tmux -L pidtop-gcpace-$$ -f /dev/null"
TMP=$(mktemp -d)
SPAWN_PID=
cleanup() {
	$TMUXC kill-server 2>/dev/null
	[[ -n $SPAWN_PID ]] && kill -TERM "$SPAWN_PID" 2>/dev/null && wait "$SPAWN_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$OUT"
BIN=${PIDTOP_BIN:-$OUT/pidtop}
if [[ -z ${PIDTOP_BIN:-} ]]; then
	(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$BIN" ./cmd/pidtop) || exit 1
fi
(cd "$ROOT" && go build -o "$OUT/spawn" ./bench/cmd/spawn) || exit 1
"$OUT/spawn" "$N" >"$TMP/spawn.out" 2>&1 &
SPAWN_PID=$!
for ((i = 0; i < 2400; i++)); do
	grep -q '^ready' "$TMP/spawn.out" && break
	kill -0 "$SPAWN_PID" 2>/dev/null || break
	sleep 0.25
done
grep -q '^ready' "$TMP/spawn.out" || {
	echo "spawn did not reach $N: $(cat "$TMP/spawn.out")" >&2
	exit 1
}

# cpu_ns PID: CPU time of all its threads; vol PID [TID]: voluntary switches.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
vol() {
	if [[ -n ${2:-} ]]; then
		awk '/^voluntary_ctxt/ {print $2}' /proc/"$1"/task/"$2"/status 2>/dev/null
	else
		cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/ {s += $2} END {print s + 0}'
	fi
}
gcs() { grep -c '^gc ' "$1" 2>/dev/null || echo 0; }

echo "## $(date '+%F %T'): bench/gcpace.sh $N ${VARIANTS[*]} (WINDOW=$WINDOW, $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null))"
echo
echo "| PIDTOP_OFF | N | collections/refresh | CPU ms/refresh | RSS MiB | voluntary/s | sysmon's |"
echo "|---|---|---|---|---|---|---|"
for ((r = 1; r <= ROUNDS; r++)); do
	for v in "${VARIANTS[@]}"; do
		off=$v
		[[ $v == - ]] && off=
		log=$TMP/gc.log
		: >"$log"
		mkdir -p "$TMP/home"
		$TMUXC new-session -d -s v -x 200 -y 50 -e LANG=C.UTF-8 -e HOME="$TMP/home" \
			"exec env PIDTOP_OFF=$off GODEBUG=gctrace=1 $BIN -d 10 2>$log" || exit 1
		sleep 1
		pid=$($TMUXC display -p -t v '#{pane_pid}')
		sleep "$WARMUP"
		sysmon=$(ls /proc/"$pid"/task | sort -n | sed -n 2p)
		c1=$(cpu_ns "$pid") v1=$(vol "$pid") s1=$(vol "$pid" "$sysmon") g1=$(gcs "$log")
		sleep "$WINDOW"
		c2=$(cpu_ns "$pid") v2=$(vol "$pid") s2=$(vol "$pid" "$sysmon") g2=$(gcs "$log")
		rss=$(awk '/^VmRSS/ {print $2}' /proc/"$pid"/status)
		n=$(ls -d /proc/[0-9]* | wc -l)
		$TMUXC kill-session -t v
		awk -v off="${v}" -v n="$n" -v w="$WINDOW" -v c="$((c2 - c1))" -v g="$((g2 - g1))" \
			-v vv="$((v2 - v1))" -v s="$((s2 - s1))" -v rss="$rss" 'BEGIN {
			printf "| %s | %d | %.2f | %.1f | %.1f | %.2f | %.2f |\n", off, n, g / w, c / 1e6 / w, rss / 1024, vv / w, s / w }'
	done
done
