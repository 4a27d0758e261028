# Sourced by anchors.sh: run a viewer in tmux on a private socket and measure it.
# Uses: TMUXC OUT TMP N WINDOW WARMUP FRAMES; fills the R_* arrays.

# viewer_cmd TOOL: the command line at a 1 s refresh, or nothing when unavailable.
viewer_cmd() {
	case $1 in
	pidtop | pidtop-again) ((PIDTOP_BUILT)) && echo "$OUT/pidtop -d 10" ;;
	pidtop-off-*) ((PIDTOP_BUILT)) && echo "env PIDTOP_OFF=${1#pidtop-off-} $OUT/pidtop -d 10" ;;
	htop) command -v htop >/dev/null && echo "htop -d 10" ;;
	btop) command -v btop >/dev/null && echo "btop" ;;
	top) command -v top >/dev/null && echo "top -d 1" ;;
	esac
}

# fresh_home TOOL: an empty HOME so no user config changes the defaults; btop's
# refresh is only configurable in its config file.
fresh_home() {
	local h=$TMP/home-$1
	rm -rf "$h"
	mkdir -p "$h/.config/btop"
	[[ $1 == btop ]] && printf 'update_ms = 1000\n' >"$h/.config/btop/btop.conf"
	echo "$h"
}

# tmux_server: start the private server with a placeholder session, so it stays
# up while viewers come and go; dead panes remain for their last words.
tmux_server() {
	$TMUXC has-session -t keep 2>/dev/null && return 0
	LANG=C.UTF-8 $TMUXC new-session -d -s keep -x 200 -y 50 cat || {
		log "cannot start tmux"
		exit 1
	}
	TMUX_SOCK=$($TMUXC display -p '#{socket_path}')
	$TMUXC set -g remain-on-exit on
	$TMUXC set -g default-terminal screen-256color
}

# start_viewer SESSION TOOL: start TOOL in a new 200x50 session; prints its PID.
start_viewer() {
	$TMUXC new-session -d -s "$1" -x 200 -y 50 -e "HOME=$(fresh_home "$2")" -e LANG=C.UTF-8 \
		"exec $(viewer_cmd "$2")" || return 1
	$TMUXC display -p -t "$1" '#{pane_pid}'
}

# viewer_alive SESSION PID: the viewer still runs in its pane.
viewer_alive() {
	kill -0 "$2" 2>/dev/null && [[ $($TMUXC display -p -t "$1" '#{pane_dead}' 2>/dev/null) == 0 ]]
}

# stop_viewer SESSION PID: close the session; make sure the viewer is gone.
stop_viewer() {
	$TMUXC kill-session -t "$1" 2>/dev/null
	local i
	for ((i = 0; i < 40; i++)); do
		kill -0 "$2" 2>/dev/null || return 0
		sleep 0.05
	done
	kill -KILL "$2" 2>/dev/null
}

# steady_n KEY N0 N1: sets R_N[KEY] to the mean of the process counts before and
# after a measurement; notes the row when they differ by more than 10%.
steady_n() {
	R_N[$1]=$((($2 + $3) / 2))
	if (($2 * 10 > $3 * 11 || $3 * 10 > $2 * 11)); then
		R_NOTE[$1]=" ($2→$3, unstable)"
		log "$1: /proc went from $2 to $3 processes while measuring"
	fi
}

# kv LINE KEY: the value of KEY=value in a procmon line.
kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# count_syscalls PID FILE: count the syscalls PID makes during WINDOW with perf
# tracepoints, else strace -c; sets CALLS (empty when neither worked).
count_syscalls() {
	local c
	CALLS=
	if [[ $SYSCOUNT == perf ]]; then
		perf stat -x, -o "$2" -e raw_syscalls:sys_enter -e 'syscalls:sys_enter_*' -p "$1" -- sleep "$WINDOW" 2>>"$LOG" &
		c=$!
		BG_PIDS+=($c)
		wait "$c"
		CALLS=$(awk -F, '$3 == "raw_syscalls:sys_enter" { print $1 }' "$2")
	elif [[ $SYSCOUNT == strace ]]; then
		strace -c -f -q -p "$1" -o "$2" &
		c=$!
		BG_PIDS+=($c)
		nap "$WINDOW"
		kill -INT "$c" 2>/dev/null
		wait "$c"
		CALLS=$(awk '$NF == "total" { print $4 }' "$2")
	fi
}

# measure_viewer TOOL: warm-up, a window with procmon only (CPU, wakeups, RSS,
# terminal bytes), then a window with a syscall counter (plus procmon for refreshes).
measure_viewer() {
	local t=$1 s="v-$1" pid tty=$TMP/$1.tty line line2 b0 b1 t0 t1 nact calls srv mon
	R_STATUS[$t]=n/a
	if [[ -z $(viewer_cmd "$t") ]]; then
		log "$t: not available"
		return
	fi
	settle "$t"
	pid=$(start_viewer "$s" "$t") || { log "$t: tmux could not start it"; return; }
	: >"$tty"
	$TMUXC pipe-pane -o -t "$s" "cat >> '$tty'" 2>/dev/null
	nap "$WARMUP"
	if ! viewer_alive "$s" "$pid"; then
		log "$t: exited during warm-up; its screen: $($TMUXC capture-pane -p -t "$s" | grep . | tail -5 | tr '\n' '|')"
		stop_viewer "$s" "$pid"
		return
	fi
	srv=$($TMUXC display -p '#{pid}')
	nact=$(count_procs)
	b0=$(stat -c %s "$tty") t0=$EPOCHREALTIME
	"$OUT/procmon" -pid "$srv" -window "${WINDOW}s" -min-reads 1000000000 >"$TMP/$t.tmux" &
	mon=$!
	BG_PIDS+=($mon)
	line=$("$OUT/procmon" -pid "$pid" -window "${WINDOW}s")
	b1=$(stat -c %s "$tty") t1=$EPOCHREALTIME
	wait "$mon"
	log "$t window 1 (N=$nact): $line tty_bytes=$((b1 - b0)) tty_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
	log "$t tmux server: $(cat "$TMP/$t.tmux")"
	if [[ $(kv "$line" alive) != 1 || $(kv "$line" bursts) == 0 ]]; then
		log "$t: no refreshes seen; row n/a"
		stop_viewer "$s" "$pid"
		return
	fi
	if [[ $SYSCOUNT == none ]]; then # no second window: nothing would count
		steady_n "$t" "$nact" "$(count_procs)"
		nact=${R_N[$t]}
		line2=
	else
		measure_syscalls
	fi
	stop_viewer "$s" "$pid"
	R_STATUS[$t]=ok
	R_CPU[$t]=$(awk -v c="$(kv "$line" cpu_ns)" -v r="$(kv "$line" refreshes)" -v n="$nact" 'BEGIN { printf "%.2f", c / 1000 / r / n }')
	R_SYS[$t]=$(awk -v c="${calls:-}" -v r="$(kv "$line2" refreshes)" -v s="$(kv "$line2" window_s)" -v w="$WINDOW" -v n="$nact" \
		'BEGIN { if (c == "" || r == 0) print "n/a"; else printf "%.2f", c / (r / s * w) / n }')
	R_RSS[$t]=$(awk -v k="$(kv "$line" rss_kib)" 'BEGIN { printf "%.1f", k / 1024 }')
	R_VOL[$t]=$(awk -v v="$(kv "$line" vcsw)" -v w="$(kv "$line" window_s)" 'BEGIN { printf "%.2f", v / w }')
	R_INV[$t]=$(awk -v v="$(kv "$line" ivcsw)" -v w="$(kv "$line" window_s)" 'BEGIN { printf "%.2f", v / w }')
	R_TTY[$t]=$(awk -v b=$((b1 - b0)) -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", b / (t1 - t0) }')
}

# measure_syscalls: measure_viewer's second window, in its variables (t pid
# nact calls line2): a syscall count over WINDOW seconds and the refresh rate
# over the same span.
measure_syscalls() {
	local mon
	# perf spends seconds attaching its counters, then counts for WINDOW s; procmon
	# runs over all of it and gives the refresh rate to divide by.
	"$OUT/procmon" -pid "$pid" -window 1h >"$TMP/$t.mon2" &
	mon=$!
	BG_PIDS+=($mon)
	count_syscalls "$pid" "$TMP/$t.sys"
	calls=$CALLS
	kill -TERM "$mon"
	wait "$mon"
	line2=$(cat "$TMP/$t.mon2")
	steady_n "$t" "$nact" "$(count_procs)"
	nact=${R_N[$t]}
	log "$t window 2 ($SYSCOUNT, ${WINDOW}s counted): syscalls=${calls:-?} $line2"
	[[ $SYSCOUNT == perf ]] && log "$t top syscalls: $(awk -F, '$3 ~ /^syscalls:/ && $1 > 0 { sub("syscalls:sys_enter_", "", $3); print $1, $3 }' "$TMP/$t.sys" | sort -rn | head -8 | tr '\n' ' ')"
}

# first_frame TOOL [full]: median ms from starting TOOL in tmux to a screen that
# shows a process table (a line naming PID followed by at least 10 rows that
# start with a number, after any box-drawing), over FRAMES starts. Sets
# R_FRAME[TOOL], n/a unless every start showed one within 10 s. With "full"
# (pidtop only), to a screen whose header counts the tasks instead: pidtop's
# first frame may be its first look at the lowest PIDs ("Tasks: counting…"),
# and this times the first full snapshot; sets R_FULL[TOOL].
first_frame() {
	local t=$1 full=${2:-} i s pid t0 ms all=()
	# Times in µs from EPOCHREALTIME without the dot: no fork per poll.
	if [[ -n $full ]]; then R_FULL[$t]=n/a; else R_FRAME[$t]=n/a; fi
	[[ -n $(viewer_cmd "$t") ]] || return 0
	for ((i = 0; i < FRAMES; i++)); do
		s="f-$t-$i" ms=n/a
		t0=${EPOCHREALTIME/./}
		pid=$(start_viewer "$s" "$t") || break
		while ((${EPOCHREALTIME/./} - t0 < 10000000)); do
			if $TMUXC capture-pane -p -t "$s" 2>/dev/null | awk -v full="$full" '
				full && /Tasks: [0-9]/ { ok = 1 }
				!seen && /PID|Pid/ { seen = 1; next }
				seen && /^[^[:alnum:]]*[0-9]+[[:space:]]/ { rows++ }
				END { exit !(full ? ok : rows >= 10) }'; then
				ms=$(((${EPOCHREALTIME/./} - t0 + 500) / 1000))
				break
			fi
			kill -0 "$pid" 2>/dev/null || break
		done
		stop_viewer "$s" "$pid"
		[[ $ms == n/a ]] && break
		all+=("$ms")
	done
	log "$t first ${full:+full }frame ms: ${all[*]:-none}"
	((${#all[@]} == FRAMES)) || return 0
	ms=$(printf '%s\n' "${all[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	if [[ -n $full ]]; then R_FULL[$t]=$ms; else R_FRAME[$t]=$ms; fi
}
