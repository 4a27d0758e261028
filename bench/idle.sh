#!/usr/bin/env bash
# idle.sh [RUNS]: pidtop's idle cost. The viewer runs at a 1 s refresh in a 200×50
# pane of a private tmux server on whatever the machine runs (nothing is spawned),
# RUNS times (default 5), each a fresh start measured by procmon for WINDOW seconds
# after WARMUP. One line per run: processes in /proc, CPU ms/s, voluntary and
# involuntary context switches per second summed over the viewer's threads, and the
# voluntary switches per second of its busiest thread (Go's sysmon, when it polls).
#
# Knobs (environment): WINDOW=15 WARMUP=5. PIDTOP_BIN=FILE measures that
# binary instead of building ./cmd/pidtop. SPAWN_EVERY=S starts a `sleep` every S
# seconds in the window (killed by PID after it): what processes that come cost
# the viewer, against the same run without.
set -uo pipefail
export LC_ALL=C

RUNS=${1:-5}
if [[ ! $RUNS =~ ^[0-9]+$ ]] || ((RUNS < 1)); then
	echo "usage: $0 [RUNS]" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out
WINDOW=${WINDOW:-15} WARMUP=${WARMUP:-5} SPAWN_EVERY=${SPAWN_EVERY:-0}
TMUXC="tmux -L pidtop-idle-$$ -f /dev/null"
VIEWER=
SLEEPERS=()
TMPD=$(mktemp -d)
MON=$TMPD/procmon
# nap S: sleep without starting a process (a read that times out on a FIFO that
# nobody writes), so that the window's only new processes are the ones asked for.
mkfifo "$TMPD/fifo" && exec 9<>"$TMPD/fifo" || exit 1
nap() { read -r -t "$1" -u 9; }

cleanup() {
	[[ -n $VIEWER ]] && kill -TERM "$VIEWER" 2>/dev/null
	((${#SLEEPERS[@]})) && kill -TERM "${SLEEPERS[@]}" 2>/dev/null
	rm -rf "$TMPD"
	$TMUXC kill-server 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

command -v tmux >/dev/null || { echo "tmux is required (apt-get install -y tmux)" >&2; exit 1; }
mkdir -p "$OUT"
(cd "$ROOT" && go build -o "$OUT/procmon" ./bench/cmd/procmon) || exit 1
if [[ -n ${PIDTOP_BIN:-} ]]; then # another build to compare, e.g. an earlier commit's
	cp "$PIDTOP_BIN" "$OUT/pidtop" || exit 1
else # as a release is built (static, no cgo)
	(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$OUT/pidtop" ./cmd/pidtop) || exit 1
fi

# shellcheck source=lib/threads.sh
. "$HERE/lib/threads.sh"

kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

for ((i = 1; i <= RUNS; i++)); do
	$TMUXC new-session -d -s "idle$i" -x 200 -y 50 -e LANG=C.UTF-8 -e TERM=screen-256color \
		"exec $OUT/pidtop -d 10" || exit 1
	VIEWER=$($TMUXC display -p -t "idle$i" '#{pane_pid}')
	# procmon starts with the viewer and waits out the warm-up: a new process
	# in the window would cost the viewer the read of its command line (see the
	# README), and "idle" is a machine where nothing changes.
	"$OUT/procmon" -pid "$VIEWER" -after "${WARMUP}s" -window "${WINDOW}s" >"$MON" &
	mon=$!
	nap "$WARMUP"
	vol_by_thread "$VIEWER"
	before=$VOLS
	if ((SPAWN_EVERY > 0)); then
		for ((t = 0; t + SPAWN_EVERY <= WINDOW; t += SPAWN_EVERY)); do
			sleep $((WINDOW + 5)) &
			SLEEPERS+=($!)
			nap "$SPAWN_EVERY"
		done
	fi
	wait "$mon"
	line=$(<"$MON")
	vol_by_thread "$VIEWER"
	after=$VOLS
	procs=$(find /proc -maxdepth 1 -name '[0-9]*' | wc -l)
	$TMUXC kill-session -t "idle$i" 2>/dev/null
	kill -TERM "$VIEWER" 2>/dev/null
	VIEWER=
	spawned=${#SLEEPERS[@]}
	if ((spawned)); then
		kill -TERM "${SLEEPERS[@]}" 2>/dev/null
		wait "${SLEEPERS[@]}" 2>/dev/null
		SLEEPERS=()
	fi
	most=$(busiest "$before" "$after")
	awk -v i="$i" -v n="$procs" -v w="$(kv "$line" window_s)" -v c="$(kv "$line" cpu_ns)" \
		-v v="$(kv "$line" vcsw)" -v iv="$(kv "$line" ivcsw)" -v b="$most" -v s="$spawned" 'BEGIN {
		printf "run %d: %d processes, CPU %.1f ms/s, wakeups %.1f vol + %.1f invol /s, busiest thread %.1f vol/s%s\n",
			i, n, c / w / 1e6, v / w, iv / w, b / w, s ? ", " s " new processes in the window" : "" }'
done
