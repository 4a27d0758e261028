#!/usr/bin/env bash
# anchors.sh N: pidtop beside htop, btop and top with N processes in /proc, each at
# a 1 s refresh in tmux, measured the same way; prints one markdown table and
# appends it, with the raw figures, to bench/results/anchors-N<N>-<date>.md.
# See bench/README.md for what each figure means and how it is measured.
#
# Knobs (environment): TOOLS="pidtop htop btop top" WINDOW=20 WARMUP=5 REPS=10
# FRAMES=5 QUIET_PCT=15 QUIET_MAX=180 ONESHOT=1 SYSCOUNT=perf|strace|none
# LAYERS="skipidle compact …" or LAYERS=all: a pidtop row with each of those
# optimisation layers switched off (PIDTOP_OFF), measured right after pidtop's,
# then pidtop again, and a table of what each layer saves. RESULT=FILE appends
# to FILE instead (bench/layers.sh).
set -uo pipefail
export LC_ALL=C

N=${1:-}
if [[ ! $N =~ ^[0-9]+$ ]] || ((N < 1)); then
	echo "usage: $0 N   (processes in /proc while measuring, e.g. 1000, 5000, 20000)" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out
TOOLS=${TOOLS-pidtop htop btop top}
WINDOW=${WINDOW:-20} WARMUP=${WARMUP:-5} REPS=${REPS:-10} FRAMES=${FRAMES:-5}
QUIET_PCT=${QUIET_PCT:-15} QUIET_MAX=${QUIET_MAX:-180} ONESHOT=${ONESHOT:-1}
TMUXC="tmux -L pidtop-bench-$$ -f /dev/null"
TMP=$(mktemp -d /tmp/pidtop-bench.XXXXXX)
LOG=$TMP/log
BG_PIDS=()
SPAWN_PID=
TMUX_SOCK=
LAYERS=${LAYERS:-}
LAYER_ROWS=
ONESHOT_LAYERS=
declare -A LAYER_FIG
declare -A R_STATUS R_N R_NOTE R_CPU R_SYS R_RSS R_VOL R_INV R_TTY R_FRAME R_FULL

. "$HERE/lib/setup.sh"
. "$HERE/lib/viewer.sh"
. "$HERE/lib/report.sh"

# cleanup: everything this run started, by PID, and its own tmux server.
cleanup() {
	local p
	trap - EXIT INT TERM HUP
	for p in "${BG_PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	$TMUXC kill-server 2>/dev/null
	[[ -n $TMUX_SOCK ]] && rm -f "$TMUX_SOCK" # the server leaves its socket file
	stop_spawn
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM HUP

mkdir -p "$OUT" "$HERE/results"
ensure_tools
command -v tmux >/dev/null || { log "tmux is required"; exit 1; }
if [[ -z ${SYSCOUNT:-} ]]; then
	SYSCOUNT=none
	if ((EUID == 0)) && perf stat -e raw_syscalls:sys_enter -- true >/dev/null 2>&1; then
		SYSCOUNT=perf
	elif command -v strace >/dev/null; then
		SYSCOUNT=strace
	fi
fi
build
if [[ -n $LAYERS ]] && ((PIDTOP_BUILT)) && [[ " $TOOLS " == *" pidtop "* ]]; then
	# The layers and the figure each is judged by come from pidtop itself;
	# the exporter's are measured by its own bench (BenchmarkScrape).
	while IFS=$'\t' read -r name fig; do
		[[ $fig == exporter* ]] && continue
		[[ $LAYERS == all || " $LAYERS " == *" $name "* ]] || continue
		if [[ $fig == one-shot* ]]; then
			ONESHOT_LAYERS+=" $name"
			continue
		fi
		LAYER_FIG[$name]=$fig
		LAYER_ROWS+=" pidtop-off-$name"
	done < <("$OUT/pidtop" --generate=layers)
	TOOLS=${TOOLS/pidtop/pidtop$LAYER_ROWS pidtop-again}
fi
log "machine: $(machine)"
log "syscall counter: $SYSCOUNT; window ${WINDOW}s after ${WARMUP}s warm-up; quiet < ${QUIET_PCT}%"

start_spawn "$N"
tmux_server
for t in $TOOLS; do
	measure_viewer "$t"
done
for t in $TOOLS; do
	settle "first frame of $t"
	first_frame "$t"
	if [[ $t == pidtop ]]; then
		settle "first full frame of $t"
		first_frame "$t" full
	fi
done
if [[ $ONESHOT == 1 ]]; then
	oneshot_row ps ps -eo pid,ppid,user,stat,ni,vsz,rss,pcpu,pmem,time,comm,args
	if ((PIDTOP_BUILT)); then
		oneshot_row pidtop-b "$OUT/pidtop" -b -n 1 --json
		for name in $ONESHOT_LAYERS; do
			oneshot_row "pidtop-b-off-$name" env "PIDTOP_OFF=$name" "$OUT/pidtop" -b -n 1 --json
		done
	fi
fi

RESULT=${RESULT:-$HERE/results/anchors-N$N-$(date +%F).md}
{
	echo "## $(date '+%F %T'): N=$N, \`make bench-anchors N=$N\`"
	echo
	echo "Machine: $(machine). Syscalls counted with $SYSCOUNT; window ${WINDOW}s after ${WARMUP}s warm-up."
	echo
	table
	echo
	layer_table
	echo
	echo '<details><summary>log</summary>'
	echo
	echo '```'
	grep -v '^\(Get\|Hit\|Ign\|Fetched\|Reading\|Building\|Selecting\|Preparing\|Unpacking\|Setting up\|Processing\) ' "$LOG"
	echo '```'
	echo '</details>'
	echo
} >"$TMP/result.md"
cat "$TMP/result.md" >>"$RESULT"
echo
table
echo
layer_table
echo
echo "appended to ${RESULT#"$ROOT"/}"
