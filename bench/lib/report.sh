# Sourced by anchors.sh: the one-shot measurements and the table.
# Uses: OUT TMP REPS SYSCOUNT and the R_* arrays.

# oneshot_row KEY CMD...: median CPU and peak RSS of REPS runs, and the median
# syscall count of three runs; per process of the N at the time.
oneshot_row() {
	local key=$1 nact line calls=() i c
	shift
	R_STATUS[$key]=n/a
	settle "$key"
	nact=$(count_procs)
	line=$("$OUT/oneshot" -n "$REPS" -- "$@")
	log "$key (N=$nact): $line"
	[[ $(kv "$line" exit) == 0 ]] || { log "$key: the command failed; row n/a"; return; }
	for i in 1 2 3; do
		case $SYSCOUNT in
		perf)
			perf stat -x, -o "$TMP/$key.sys" -e raw_syscalls:sys_enter -- "$@" >/dev/null 2>>"$LOG"
			c=$(awk -F, '$3 == "raw_syscalls:sys_enter" { print $1 }' "$TMP/$key.sys")
			;;
		strace)
			strace -c -f -q -o "$TMP/$key.sys" -- "$@" >/dev/null 2>>"$LOG"
			c=$(awk '$NF == "total" { print $4 }' "$TMP/$key.sys")
			;;
		*) c= ;;
		esac
		[[ -n $c ]] && calls+=("$c")
	done
	log "$key syscalls per run: ${calls[*]:-none}"
	steady_n "$key" "$nact" "$(count_procs)"
	nact=${R_N[$key]}
	R_STATUS[$key]=ok
	R_CPU[$key]=$(awk -v m="$(kv "$line" cpu_ms)" -v n="$nact" 'BEGIN { printf "%.2f", m * 1000 / n }')
	R_RSS[$key]=$(awk -v k="$(kv "$line" maxrss_kib)" 'BEGIN { printf "%.1f", k / 1024 }')
	R_SYS[$key]=n/a
	((${#calls[@]})) && R_SYS[$key]=$(printf '%s\n' "${calls[@]}" | sort -n |
		awk -v n="$nact" '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] / n }')
}

# get ARRAY KEY: a result, or n/a.
get() {
	local -n a=$1
	if [[ ${R_STATUS[$2]:-} == ok ]]; then echo "${a[$2]:-n/a}"; else echo n/a; fi
}

# ratio A B: A/B as "0.42×", or n/a.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "n/a" || b == "n/a" || a == "" || b == "" || b + 0 == 0) print "n/a"
		else printf "%.2f×", a / b }'
}

# wake KEY: "vol + invol" per second; wake_total KEY: their sum.
wake() { [[ $(get R_VOL "$1") == n/a ]] && echo n/a || echo "$(get R_VOL "$1") + $(get R_INV "$1")"; }
wake_total() { [[ $(get R_VOL "$1") == n/a ]] && echo n/a || awk -v a="$(get R_VOL "$1")" -v b="$(get R_INV "$1")" 'BEGIN { print a + b }'; }

# figure KEY FIGURE: KEY's value of a layer's figure (see pidtop --generate=layers).
figure() {
	case $2 in
	CPU) get R_CPU "$1" ;;
	RSS) get R_RSS "$1" ;;
	wakeups) wake_total "$1" ;;
	"terminal bytes") get R_TTY "$1" ;;
	"first frame") echo "${R_FRAME[$1]:-n/a}" ;;
	*) echo n/a ;;
	esac
}

# layer_table: for each layer measured (LAYERS), its figure with every layer
# on (pidtop, and pidtop-again: the spread between the two is the run's
# noise), with it off, and what it saves: 1 - on/off, where on is the mean of
# the two.
layer_table() {
	local t name fig on again off
	[[ -n ${LAYER_ROWS:-} ]] || return 0
	echo "| layer | judged by | every layer on | again | this layer off | saves |"
	echo "|---|---|---|---|---|---|"
	for t in $LAYER_ROWS; do
		name=${t#pidtop-off-}
		fig=${LAYER_FIG[$name]}
		on=$(figure pidtop "$fig") again=$(figure pidtop-again "$fig") off=$(figure "$t" "$fig")
		echo "| $name | $fig | $on | $again | $off | $(awk -v a="$on" -v g="$again" -v b="$off" 'BEGIN {
			if (g != "n/a" && a != "n/a") a = (a + g) / 2; else if (a == "n/a") a = g
			if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.0f%%", 100 * (1 - a / b) }') |"
	done
}

# table: the one markdown table of the run.
table() {
	local t a label
	declare -A LABEL=([pidtop]="pidtop -d 10" [htop]="htop -d 10" [btop]="btop, update_ms=1000"
		[top]="top -d 1" [ps]="ps -eo pid,…,args (one run)" [pidtop-b]="pidtop -b -n 1 --json (one run)"
		[pidtop-again]="pidtop -d 10, again")
	for t in $LAYER_ROWS; do
		LABEL[$t]="pidtop -d 10, PIDTOP_OFF=${t#pidtop-off-}"
	done
	echo "| tool | N | CPU µs/process/refresh | syscalls/process/refresh | RSS MiB | wakeups/s (vol + invol) | terminal bytes/s | first frame ms |"
	echo "|---|---|---|---|---|---|---|---|"
	for t in $TOOLS; do
		echo "| ${LABEL[$t]:-$t} | $(get R_N "$t")${R_NOTE[$t]:-} | $(get R_CPU "$t") | $(get R_SYS "$t") | $(get R_RSS "$t") | $(wake "$t") | $(get R_TTY "$t") | ${R_FRAME[$t]:-n/a}${R_FULL[$t]:+ (full ${R_FULL[$t]})} |"
	done
	for a in $TOOLS; do
		[[ $a == pidtop* || " $TOOLS " != *" pidtop "* ]] && continue
		echo "| pidtop ÷ $a | | $(ratio "$(get R_CPU pidtop)" "$(get R_CPU "$a")") | $(ratio "$(get R_SYS pidtop)" "$(get R_SYS "$a")") | $(ratio "$(get R_RSS pidtop)" "$(get R_RSS "$a")") | $(ratio "$(wake_total pidtop)" "$(wake_total "$a")") | $(ratio "$(get R_TTY pidtop)" "$(get R_TTY "$a")") | $(ratio "${R_FRAME[pidtop]:-n/a}" "${R_FRAME[$a]:-n/a}") |"
	done
	[[ $ONESHOT == 1 ]] || return 0
	for t in ps pidtop-b $(for n in $ONESHOT_LAYERS; do echo "pidtop-b-off-$n"; done); do
		echo "| ${LABEL[$t]:-pidtop -b -n 1 --json, PIDTOP_OFF=${t#pidtop-b-off-} (one run)} | $(get R_N "$t")${R_NOTE[$t]:-} | $(get R_CPU "$t") per run | $(get R_SYS "$t") per run | $(get R_RSS "$t") peak | — | — | — |"
	done
	echo "| pidtop -b ÷ ps | | $(ratio "$(get R_CPU pidtop-b)" "$(get R_CPU ps)") | $(ratio "$(get R_SYS pidtop-b)" "$(get R_SYS ps)") | $(ratio "$(get R_RSS pidtop-b)" "$(get R_RSS ps)") | | | |"
	for n in $ONESHOT_LAYERS; do
		echo "| pidtop -b ÷ the same with $n off | | $(ratio "$(get R_CPU pidtop-b)" "$(get R_CPU "pidtop-b-off-$n")") | $(ratio "$(get R_SYS pidtop-b)" "$(get R_SYS "pidtop-b-off-$n")") | $(ratio "$(get R_RSS pidtop-b)" "$(get R_RSS "pidtop-b-off-$n")") | | | |"
	done
}
