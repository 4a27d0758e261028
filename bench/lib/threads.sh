# Sourced by idle.sh and gcpace.sh: a viewer's voluntary switches by thread.

# vol_by_thread PID: sets VOLS to "TID voluntary" lines, one a thread, in the
# glob's order. It starts no process, not even a subshell: in the window the
# viewer would read a new process's command line.
vol_by_thread() {
	local t k v
	VOLS=
	for t in /proc/"$1"/task/*; do
		while read -r k v _; do
			[[ $k == voluntary_ctxt_switches: ]] && VOLS+="${t##*/} $v"$'\n'
		done <"$t/status" 2>/dev/null
	done
}

# busiest BEFORE AFTER: the most voluntary switches any one thread made between
# two vol_by_thread readings (Go's sysmon, when it polls).
busiest() {
	join <(printf %s "$1") <(printf %s "$2") | awk '{ d = $3 - $2; if (d > m) m = d } END { print m + 0 }'
}
