package sort

import (
	"strconv"

	"github.com/pidtop/pidtop/internal/collect"
)

// Find returns the position in order of the first process, starting at position
// from and moving forward (or backward) with wrap-around, whose name or command
// line contains text, case-insensitively. Text made only of digits finds the
// process with that PID first, as htop's PID search does; failing that it is
// searched as text. It returns -1 when nothing matches or text is empty.
//
// An incremental search passes the current position as from (the selection stays
// while it still matches); "find next" passes the position after it.
func Find(procs []collect.Process, order []int, from int, backward bool, text string) int {
	n := len(order)
	if n == 0 || text == "" {
		return -1
	}
	if pid, err := strconv.ParseInt(text, 10, 32); err == nil && pid > 0 {
		for pos, i := range order {
			if procs[i].PID == int32(pid) {
				return pos
			}
		}
	}
	m := Compile(text)
	from = ((from % n) + n) % n
	step := 1
	if backward {
		step = n - 1
	}
	for k, pos := 0, from; k < n; k, pos = k+1, (pos+step)%n {
		if m.Match(&procs[order[pos]]) {
			return pos
		}
	}
	return -1
}
