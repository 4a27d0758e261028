package procfs

import (
	"fmt"
	"time"
)

// ParseUptime parses the contents of /proc/uptime, see proc_uptime(5): up is the
// uptime of the system (including time spent in suspend), idle the time spent in
// the idle process, summed over all CPUs (so it may exceed up).
func ParseUptime(b []byte) (up, idle time.Duration, err error) {
	sc := fieldScanner{b: b}
	u, okU := parseFixed(sc.next(), uint64(time.Second))
	i, okI := parseFixed(sc.next(), uint64(time.Second))
	if !okU || !okI || u > 1<<63-1 || i > 1<<63-1 {
		return 0, 0, fmt.Errorf("uptime: %w", ErrMalformed)
	}
	return time.Duration(u), time.Duration(i), nil
}
