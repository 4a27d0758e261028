package procfs

import "fmt"

// Schedstat is /proc/PID/schedstat: the scheduler's counters of the task (for a
// process, of its main thread only; see proc(5)).
type Schedstat struct {
	Runtime  uint64 // time spent on a CPU, in nanoseconds (se.sum_exec_runtime)
	Waited   uint64 // time spent runnable but waiting for a CPU, in nanoseconds
	Slices   uint64 // times it was put on a CPU
	Counting bool   // the kernel keeps these counters (without CONFIG_SCHED_INFO it writes "0 0 0")
}

// ParseSchedstat parses the contents of /proc/PID/schedstat into s without
// allocating.
func ParseSchedstat(b []byte, s *Schedstat) error {
	sc := fieldScanner{b: b}
	s.Runtime = sc.u64()
	s.Waited = sc.u64()
	s.Slices = sc.u64()
	if sc.bad || sc.next() != nil {
		return fmt.Errorf("schedstat: %w", ErrMalformed)
	}
	s.Counting = s.Runtime != 0 || s.Waited != 0 || s.Slices != 0
	return nil
}
