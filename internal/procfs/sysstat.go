package procfs

import "fmt"

// CPUStat is one "cpu" line of /proc/stat: the time spent in each state, in clock
// ticks (USER_HZ, see ClockTicks), see proc_stat(5). Guest time is also counted in
// User, and GuestNice in Nice.
type CPUStat struct {
	User      uint64 // time spent in user mode
	Nice      uint64 // time spent in user mode with low priority (nice)
	System    uint64 // time spent in system mode
	Idle      uint64 // time spent in the idle task
	IOWait    uint64 // time waiting for I/O to complete (not reliable; since Linux 2.5.41)
	IRQ       uint64 // time servicing interrupts (since Linux 2.6.0)
	SoftIRQ   uint64 // time servicing softirqs (since Linux 2.6.0)
	Steal     uint64 // stolen time, spent in other operating systems when running virtualized (since Linux 2.6.11)
	Guest     uint64 // time spent running a virtual CPU for guest operating systems (since Linux 2.6.24)
	GuestNice uint64 // time spent running a niced guest (since Linux 2.6.33)
}

// SysStat is /proc/stat, the kernel/system statistics, see proc_stat(5).
type SysStat struct {
	Total CPUStat // the "cpu" line: all CPUs together
	// CPUs holds the "cpuN" lines at index N. An offline CPU has no line; its
	// entry, if a higher one exists, is all zeros. ParseSysStat reuses the
	// slice's capacity.
	CPUs         []CPUStat
	BootTime     uint64 // btime: boot time, in seconds since the Epoch
	CtxSwitches  uint64 // ctxt: number of context switches that the system underwent
	Processes    uint64 // processes: number of forks since boot
	ProcsRunning uint64 // procs_running: number of processes in runnable state
	ProcsBlocked uint64 // procs_blocked: number of processes blocked waiting for I/O to complete
}

// maxCPUs bounds the CPU number ParseSysStat accepts (the kernel's NR_CPUS is at
// most 8192 today), so a hostile file cannot make it allocate without limit.
const maxCPUs = 1 << 16

// ParseSysStat parses the contents of /proc/stat into s without allocating once
// s.CPUs has room for every CPU. A cpu line needs the first four columns; the
// later ones, missing on older kernels, are left zero.
func ParseSysStat(b []byte, s *SysStat) error {
	*s = SysStat{CPUs: s.CPUs[:0]}
	const (
		seenCPU = 1 << iota
		seenBtime
		seenCtxt
		seenProcesses
		seenRunning
		seenBlocked
		seenAll = 1<<iota - 1
	)
	seen := 0
	var line []byte
	for i := 0; i < len(b); {
		line, i = nextLine(b, i)
		sc := fieldScanner{b: line}
		key := sc.next()
		var p *uint64
		var bit int
		switch string(key) {
		case "cpu":
			p, bit = nil, seenCPU
			scanCPU(&sc, &s.Total)
		case "btime":
			p, bit = &s.BootTime, seenBtime
		case "ctxt":
			p, bit = &s.CtxSwitches, seenCtxt
		case "processes":
			p, bit = &s.Processes, seenProcesses
		case "procs_running":
			p, bit = &s.ProcsRunning, seenRunning
		case "procs_blocked":
			p, bit = &s.ProcsBlocked, seenBlocked
		default:
			if len(key) > 3 && string(key[:3]) == "cpu" {
				if n, ok := parseUint(key[3:]); ok && n < maxCPUs {
					scanCPU(&sc, s.cpuAt(int(n)))
					break
				}
				sc.bad = true
			}
		}
		if p != nil {
			*p = sc.u64()
		}
		if sc.bad {
			return fmt.Errorf("system stat: bad %q line: %w", key, ErrMalformed)
		}
		seen |= bit
	}
	if seen != seenAll {
		return fmt.Errorf("system stat: missing lines: %w", ErrMalformed)
	}
	return nil
}

// cpuAt returns the entry of CPU n, growing s.CPUs with zeroed entries.
func (s *SysStat) cpuAt(n int) *CPUStat {
	for len(s.CPUs) <= n {
		s.CPUs = append(s.CPUs, CPUStat{})
	}
	return &s.CPUs[n]
}

// scanCPU reads the columns of a cpu line into c: at least four, at most the ten
// known ones (more, from a future kernel, are ignored).
func scanCPU(sc *fieldScanner, c *CPUStat) {
	cols := [...]*uint64{&c.User, &c.Nice, &c.System, &c.Idle, &c.IOWait,
		&c.IRQ, &c.SoftIRQ, &c.Steal, &c.Guest, &c.GuestNice}
	for i, p := range cols {
		f := sc.next()
		if f == nil {
			sc.bad = sc.bad || i < 4
			return
		}
		v, ok := parseUint(f)
		if !ok {
			sc.bad = true
			return
		}
		*p = v
	}
}
