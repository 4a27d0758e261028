package collect

import "time"

// CPUShare is how one CPU (or all of them together) spent the last interval, each
// part in percent of that CPU's time (0..100; the parts and Idle add up to 100).
type CPUShare struct {
	User    float64 // user mode, nice 0 or below (guest time excluded)
	Nice    float64 // user mode, niced (guest_nice excluded)
	System  float64
	IOWait  float64
	IRQ     float64
	SoftIRQ float64
	Steal   float64
	Guest   float64 // running a guest (guest + guest_nice)
	Idle    float64
}

// Busy is the share of time the CPU was not idle and not waiting on I/O, in percent.
func (c CPUShare) Busy() float64 {
	return c.User + c.Nice + c.System + c.IRQ + c.SoftIRQ + c.Steal + c.Guest
}

// CPUTime is how long the CPUs together spent in each mode since boot. It is
// what a metrics exporter publishes as counters (rates are the scraper's job);
// the viewer uses the shares. Linux counts guest time inside User and Nice.
type CPUTime struct {
	User, Nice, System, Idle, IOWait, IRQ, SoftIRQ, Steal time.Duration
}

// Memory is physical memory in bytes, split the way htop's Mem bar shows it.
type Memory struct {
	Total     uint64
	Free      uint64
	Available uint64 // an estimate of what new work can use without swapping
	Used      uint64 // Total - Free - Buffers - Cache (Linux: as procps computes it)
	Buffers   uint64
	Shared    uint64
	Cache     uint64 // page cache plus reclaimable slab
}

// Swap is swap space in bytes.
type Swap struct {
	Total uint64
	Used  uint64
	Cache uint64 // swapped out and also in memory
}

// SystemKnown marks which System fields the platform could fill.
type SystemKnown uint8

// The SystemKnown bits.
const (
	SysKnownCPU SystemKnown = 1 << iota
	SysKnownMemory
	SysKnownSwap
	SysKnownLoad
	SysKnownUptime
	SysKnownTasks   // Tasks, Running, Threads, KernelThreads: counted over every process
	SysKnownCPUTime // CPUTime: where the platform's counters have a known unit
)

// System is the machine-wide part of a snapshot.
type System struct {
	Hostname string
	CPUTotal CPUShare   // all CPUs together
	CPUs     []CPUShare // one per CPU, in the kernel's order
	CPUTime  CPUTime    // all CPUs together, since boot
	Memory   Memory
	Swap     Swap
	Load     [3]float64    // 1, 5 and 15 minute load averages
	Uptime   time.Duration // since boot

	Tasks         int // processes, kernel threads included
	Running       int // processes (or threads, when shown) in state R
	Threads       int // userland threads, over all processes
	KernelThreads int
	// Restricted marks a view of only some of the machine's processes: /proc
	// hides the others (Linux: hidepid). The task counts are then of the
	// processes seen, and the system-wide running count is not used.
	Restricted bool

	Known SystemKnown
}

// Cost is what one tick cost the collector and what went wrong in it.
type Cost struct {
	Duration time.Duration // wall time of the whole read
	Read     int           // processes read
	Idle     int           // of those, kept from the last tick: they had not run since (SkipIdle)
	Vanished int           // processes that were gone before their read finished (skipped)
	Denied   int           // fields we were not allowed to read (left unknown)
	Errors   int           // other failures (the process is skipped)
	LastErr  string        // the last such failure, for the status line
}

// Snapshot is one tick's view of the machine. It is immutable once published: the
// collector builds fresh slices every tick, and no reader may modify them.
type Snapshot struct {
	Time     time.Time     // when the read started
	Tick     uint64        // 1 for the first snapshot, then +1 per tick
	Interval time.Duration // since the previous snapshot's read; rates are over it
	Procs    []Process     // every process (and thread, when asked), exited ones flagged
	// Partial marks a first look published before the first snapshot (see
	// Config.FirstRows): Procs holds only the lowest PIDs, Tick is 0.
	Partial bool
	System  System
	Cost    Cost
}
