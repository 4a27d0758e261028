package collect

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// fdReserve is how many descriptors below the open-file limit the kept /proc
// descriptors never take: the room every other part of pidtop opens in.
// Running out costs more than speed: a Go program that spent every
// descriptor died with "netpollinit failed" (the runtime makes its epoll
// descriptor lazily), and a signal without its pidfd takes the fallback that
// cannot pin its target against PID reuse. What it
// must hold: the runtime's netpoller, stdio and the terminal, the readers'
// /proc roots and one-off opens, /etc/passwd, the config file with its
// temporary file and directory on save, a details view's /proc/PID; up to
// two per target while a signal goes to tagged processes (the viewer acts on
// 64 at once); a pidfd per wait the user started; and a metrics exporter's
// listener and connections, which the exporter caps at 65 (export.MaxConns).
// Those come to about half of this; the other half is for what opens a
// descriptor without saying so (a library, a resolver). A fixed number, not a
// share of the limit: none of them grows with it. Under a limit this low no
// descriptor is kept: every /proc file is opened, read and closed.
const fdReserve = 1024

// maxKeptFDs bounds the budget under a very large limit: more kept
// descriptors than any PID space holds buy nothing.
const maxKeptFDs = 1 << 20

// fdBudget raises the soft open-file limit to the hard limit and returns how
// many descriptors the reader may keep under it (see keptBudget).
func fdBudget() int {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return 0
	}
	if lim.Cur < lim.Max {
		raised := lim
		raised.Cur = lim.Max
		if unix.Setrlimit(unix.RLIMIT_NOFILE, &raised) == nil {
			lim = raised
		}
	}
	return keptBudget(lim.Cur)
}

// keptBudget is how many descriptors the reader may keep under an open-file
// limit of limit: all but fdReserve, at most maxKeptFDs.
func keptBudget(limit uint64) int {
	if limit <= fdReserve {
		return 0
	}
	return int(min(limit-fdReserve, maxKeptFDs))
}

// LimitNotice says, for the viewer's status line, what an open-file limit too
// low to keep any /proc descriptor costs, or "" when the limit is not that low.
// Call it after New, which raises the soft limit to the hard one.
func LimitNotice() string {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil || keptBudget(lim.Cur) > 0 {
		return ""
	}
	return fmt.Sprintf("open-file limit %d (ulimit -n): every /proc file is reopened each tick; above %d pidtop keeps them open",
		lim.Cur, fdReserve)
}
