# Sourced by anchors.sh: logging, tools, builds, the quiet wait and the spawner.
# Uses: HERE ROOT OUT TMP LOG QUIET_PCT QUIET_MAX; sets SPAWN_PID.

log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }

# nap SECONDS: sleep in the background, so a trapped signal is handled at once.
nap() {
	sleep "$1" &
	BG_PIDS+=($!)
	wait "$!"
}

# ensure_tools: install what is missing with apt (update first), once.
ensure_tools() {
	local want=() t
	command -v tmux >/dev/null || want+=(tmux)
	command -v perf >/dev/null || want+=(linux-perf)
	command -v strace >/dev/null || want+=(strace)
	for t in $TOOLS; do
		case $t in
		htop | btop) command -v "$t" >/dev/null || want+=("$t") ;;
		top) command -v top >/dev/null || want+=(procps) ;;
		esac
	done
	command -v ps >/dev/null || want+=(procps)
	((${#want[@]})) || return 0
	if ((EUID != 0)); then
		log "missing ${want[*]} and not root: not installing"
		return 0
	fi
	log "installing with apt: ${want[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$LOG" 2>&1 || log "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${want[@]}" >>"$LOG" 2>&1 ||
		log "apt-get install failed for some of: ${want[*]}"
}

# build: the rig's programs (required) and pidtop (optional: its row is n/a without it).
build() {
	local c
	for c in spawn procmon oneshot procfloor; do
		(cd "$ROOT" && go build -o "$OUT/$c" "./bench/cmd/$c") || {
			log "cannot build bench/cmd/$c"
			exit 1
		}
	done
	PIDTOP_BUILT=0
	# As a release is built (scripts/release.sh): static, no cgo. A cgo build
	# maps libc and the dynamic loader, 1.3 MiB more RSS.
	if [[ -d $ROOT/cmd/pidtop ]] && (cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
		-o "$OUT/pidtop" ./cmd/pidtop) >>"$LOG" 2>&1; then
		PIDTOP_BUILT=1
	else
		log "pidtop: go build ./cmd/pidtop failed (see the log); its rows are n/a"
	fi
}

# count_procs: processes listed in /proc now.
count_procs() {
	local n=0 d
	for d in /proc/[0-9]*; do n=$((n + 1)); done
	echo "$n"
}

# busy_pct: share of CPU time not idle (nor iowait) over one second, in percent.
busy_pct() {
	local a b
	a=$(head -1 /proc/stat)
	sleep 1
	b=$(head -1 /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN {
		split(a, x); split(b, y); t = 0
		for (i = 2; i <= 9; i++) t += y[i] - x[i]
		idle = (y[5] - x[5]) + (y[6] - x[6])
		printf "%.1f", (t > 0) ? 100 * (t - idle) / t : 0 }'
}

# wait_quiet WHAT: wait until the machine is below QUIET_PCT busy, at most QUIET_MAX s.
wait_quiet() {
	local start=$SECONDS b
	while :; do
		b=$(busy_pct)
		if awk -v b="$b" -v q="$QUIET_PCT" 'BEGIN { exit !(b < q) }'; then
			log "quiet before $1: ${b}% busy"
			return 0
		fi
		if ((SECONDS - start >= QUIET_MAX)); then
			log "still ${b}% busy after ${QUIET_MAX}s: measuring $1 anyway (noisy)"
			return 0
		fi
		log "waiting for quiet before $1: ${b}% busy"
		nap 2
	done
}

# start_spawn N: top /proc up to N processes with sleep children; sets SPAWN_PID.
start_spawn() {
	"$OUT/spawn" "$1" >"$TMP/spawn.out" 2>&1 &
	SPAWN_PID=$!
	local i
	for ((i = 0; i < 1200; i++)); do
		grep -q '^ready' "$TMP/spawn.out" && break
		kill -0 "$SPAWN_PID" 2>/dev/null || break
		nap 0.25
	done
	if ! grep -q '^ready' "$TMP/spawn.out"; then
		log "spawn did not reach $1 processes: $(cat "$TMP/spawn.out")"
		exit 1
	fi
	log "spawn: $(grep '^ready' "$TMP/spawn.out")"
}

# top_up N: when other processes have ended and /proc holds under 97% of N, ask
# the spawner (SIGUSR1) to start children again, and wait for its next ready line.
# Fails when there was nothing to do.
top_up() {
	local n i ready
	n=$(count_procs)
	((n * 100 >= $1 * 97)) && return 1
	ready=$(grep -c '^ready' "$TMP/spawn.out" || true)
	log "only $n processes in /proc: topping up to $1"
	if ! kill -USR1 "$SPAWN_PID" 2>/dev/null; then
		log "the spawner (pid $SPAWN_PID) is gone: cannot top up"
		exit 1
	fi
	for ((i = 0; i < 1200; i++)); do
		(($(grep -c '^ready' "$TMP/spawn.out" || true) > ready)) && break
		if ! kill -0 "$SPAWN_PID" 2>/dev/null; then
			log "the spawner (pid $SPAWN_PID) died while topping up"
			exit 1
		fi
		nap 0.25
	done
	log "spawn: $(grep '^ready' "$TMP/spawn.out" | tail -1)"
}

# settle WHAT: a quiet machine with N processes in /proc before measuring WHAT.
settle() {
	wait_quiet "$1"
	top_up "$N" && wait_quiet "$1"
	return 0
}

# stop_spawn: SIGTERM to the spawner by PID; it kills and reaps its children.
stop_spawn() {
	[[ -n ${SPAWN_PID:-} ]] || return 0
	kill -TERM "$SPAWN_PID" 2>/dev/null && wait "$SPAWN_PID" 2>/dev/null
	grep '^stopped' "$TMP/spawn.out" >&2
	SPAWN_PID=
}

# machine: one line describing the machine and the tools' versions.
machine() {
	local cpu ver
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	ver="htop $(htop --version 2>/dev/null | awk 'NR==1 { print $2 }'), btop $(btop --version 2>/dev/null | awk '{ print $NF }'), $(top -V 2>/dev/null | head -1 | sed 's/^ *//')"
	printf '%s CPUs (%s), %s MiB RAM, Linux %s, %s; %s; %s\n' "$(nproc)" "$cpu" \
		"$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)" "$(uname -r)" \
		"$(. /etc/os-release && echo "$PRETTY_NAME")" "$ver" "$(go version | awk '{ print $3 }')"
}
