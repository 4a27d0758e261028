package collect

import (
	"runtime"
	"slices"
	"time"
)

// ID is a process's identity: its PID together with its start time. A PID alone is
// reused by the kernel; the pair is not. Every action on a process takes an ID.
type ID struct {
	PID int32
	// Start is the platform's start-time token, comparable only on the same host:
	// Linux: clock ticks since boot (stat field 22); macOS/FreeBSD: microseconds since
	// the Unix epoch (p_starttime); Windows: FILETIME, 100 ns units since 1601.
	Start uint64
}

// Known is a set of Process fields a platform reader could fill. A field whose bit
// is clear is unknown and must be shown as a placeholder, never as zero.
type Known uint32

// The Known bits, one per field or group of fields filled together.
const (
	KnownPPID      Known = 1 << iota // PPID
	KnownPGID                        // PGID, SID
	KnownUser                        // UID, User
	KnownState                       // State
	KnownPriority                    // Priority, Nice
	KnownThreads                     // Threads
	KnownStart                       // ID.Start, Started
	KnownTTY                         // TTY
	KnownCPU                         // UserTime, SystemTime, CPUPercent
	KnownVirt                        // VirtBytes
	KnownRes                         // ResBytes, MemPercent
	KnownShr                         // ShrBytes
	KnownIO                          // ReadBytes, WriteBytes and their rates
	KnownCmdline                     // Cmdline, Argv0Len
	KnownExe                         // Exe
	KnownCgroup                      // Cgroup
	KnownFaults                      // MinorFaults, MajorFaults
	KnownProcessor                   // Processor
	// The bits of Extra's fields; each is set only on a record whose Extra the
	// source filled for a Needs bit asking for it.
	KnownStatExtra // Extra: the children's times and faults (stat)
	KnownTPGID     // Extra: TPGID (stat; the BSDs' kinfo_proc)
	KnownIOChars   // Extra: ReadChars, WriteChars, ReadSyscalls, WriteSyscalls (io)
	KnownCtxt      // Extra: CtxtSwitches, CtxtRate (status)
	KnownSmaps     // Extra: PSSBytes, SwapBytes, USSBytes (smaps_rollup)
	KnownOOM       // Extra: OOMScore
	KnownIOPrio    // Extra: IOPrio
)

// Has reports whether every bit of k2 is set in k.
func (k Known) Has(k2 Known) bool { return k&k2 == k2 }

// Flags mark a process's kind and its fate this tick.
type Flags uint8

// The Flags bits.
const (
	FlagKernelThread Flags = 1 << iota // a kernel thread (Linux: PF_KTHREAD; no cmdline)
	FlagThread                         // a userland thread, not a process (TGID != PID)
	FlagNew                            // first seen this tick
	FlagExited                         // gone this tick: a tombstone kept for one tick
)

// State is the one-letter scheduler state as ps shows it: R running, S sleeping,
// D disk sleep, Z zombie, T stopped, t traced, I idle kernel thread, X dead,
// W paging/waking, P parked; StateUnknown when unreadable. Windows maps its thread
// states onto R, S, T (suspended), Z (no live thread) and I (the idle process);
// see docs/windows.md.
type State byte

// StateUnknown is the State of a process whose state could not be read.
const StateUnknown State = '?'

// Process is one process (or, with FlagThread, one userland thread) as seen in one
// tick. It is a plain value: nothing in it does I/O, and once a Snapshot holding it
// is published nobody mutates it. Sizes are bytes, times are durations, rates are
// per second.
type Process struct {
	// The fields are ordered so that no padding is left between them: a tick
	// holds two slices of these (the one on screen and the one being filled).
	ID
	PPID int32 // parent PID; 0 for the roots (init, kthreadd)
	PGID int32 // process group
	SID  int32 // session
	TGID int32 // thread group: equals PID for a process, the owning PID for a thread

	Priority  int32 // kernel priority as htop's PRI (Linux: stat field 18)
	Nice      int32 // -20..19 (Windows: priority class mapped onto this range)
	Threads   int32 // number of threads
	Processor int32 // CPU the process last ran on
	Known     Known
	State     State
	Flags     Flags

	// Info is the owner and what the process was started as, shared by its
	// records from tick to tick (and with its threads' records): see Info. Read
	// it through the methods (User, Cmdline, ...), which treat nil as empty.
	Info *Info

	TTY       string
	StartedNs int64 // wall-clock start in Unix nanoseconds (see Started)

	UserTime   time.Duration // CPU time in user mode, whole life
	SystemTime time.Duration // CPU time in kernel mode, whole life
	CPUPercent float64       // share of one core over the last interval (100 = one core)

	VirtBytes  uint64  // virtual size
	ResBytes   uint64  // resident set size
	ShrBytes   uint64  // resident shared (file-backed) pages
	MemPercent float64 // ResBytes against total memory, 0..100

	MinorFaults uint64
	MajorFaults uint64

	ReadBytes      uint64  // storage bytes read, whole life
	WriteBytes     uint64  // storage bytes written, whole life
	ReadBytesRate  float64 // bytes per second over the last interval
	WriteBytesRate float64 // bytes per second over the last interval

	Name string // short name (Linux comm, at most 15 bytes)

	// Extra holds the figures only some fields ask for (see Needs); nil when
	// none was read. Like Info it is never written once a published record
	// points to it. Read it through X, which treats nil as zero.
	Extra *Extra
}

// Extra is the part of a record read only for a field that asks for it: most
// views never show these, and keeping them out of Process keeps the two slices
// of records a tick holds small.
type Extra struct {
	TPGID    int32 // foreground process group of the terminal (stat field 8)
	OOMScore int32 // the OOM killer's badness, 0..2000 (oom_score)
	// IOPrio is the I/O priority as ioprio_get(2) returns it: class in bits
	// 13..15 (0 none, 1 real-time, 2 best-effort, 3 idle), level in 0..12.
	IOPrio int32

	ChildUserTime    time.Duration // waited-for children's user time (stat field 16)
	ChildSystemTime  time.Duration // waited-for children's system time (stat field 17)
	ChildMinorFaults uint64        // waited-for children's minor faults (stat field 11)
	ChildMajorFaults uint64        // waited-for children's major faults (stat field 13)

	ReadChars     uint64 // bytes passed to read(2) and the like, whole life (io rchar)
	WriteChars    uint64 // bytes passed to write(2) and the like, whole life (io wchar)
	ReadSyscalls  uint64 // read(2)-like calls, whole life (io syscr)
	WriteSyscalls uint64 // write(2)-like calls, whole life (io syscw)

	CtxtSwitches uint64  // voluntary + involuntary context switches, whole life (status)
	CtxtRate     float64 // context switches per second over the last interval

	PSSBytes  uint64 // proportional set size (smaps_rollup Pss)
	SwapBytes uint64 // anonymous memory swapped out (smaps_rollup Swap)
	USSBytes  uint64 // unique set size: private resident pages (smaps_rollup)
}

// noExtra stands in for a nil Extra.
var noExtra Extra

// X returns the record's Extra, or a zero one when none was read.
func (p *Process) X() *Extra {
	if p.Extra != nil {
		return p.Extra
	}
	return &noExtra
}

// Info is what a process's record holds beyond what each tick reads: its owner
// and its command line, executable and cgroup. These change seldom (an exec, a
// setuid), so the records of a process share one Info from tick to tick instead
// of each carrying the five strings: 64 bytes less per record, and a tick holds
// two slices of records. An Info that a published record points to is never
// written again; a source that learns something new makes a new Info.
type Info struct {
	UID      uint32 // real user ID (Windows: 0; the owner is in User)
	Argv0Len int32  // byte length of argv[0] at the start of Cmdline
	User     string // user name, or the number in decimal when the name is unknown
	Cmdline  string // argv joined by spaces; empty for kernel threads
	// ArgSeps are the byte offsets in Cmdline of the spaces that separate
	// argv's arguments (not those inside one); nil for a single argument.
	ArgSeps []int32
	Exe     string // executable path
	Cgroup  string // cgroup path (Linux)
}

// same reports whether i and o say the same; a source keeps its Info when so.
func (i *Info) same(o *Info) bool {
	return i.UID == o.UID && i.Argv0Len == o.Argv0Len && i.User == o.User && i.Cmdline == o.Cmdline &&
		i.Exe == o.Exe && i.Cgroup == o.Cgroup && slices.Equal(i.ArgSeps, o.ArgSeps)
}

// clone returns a copy of i to change (the zero Info for nil).
func (i *Info) clone() Info {
	if i == nil {
		return Info{}
	}
	return *i
}

// noInfo stands in for a nil Info.
var noInfo Info

func (p *Process) info() *Info {
	if p.Info != nil {
		return p.Info
	}
	return &noInfo
}

// Started is the wall-clock start (KnownStart), for display and the STARTTIME
// column; the zero Time when StartedNs is 0. A record keeps it as 8 bytes of
// nanoseconds rather than a 24-byte time.Time.
func (p *Process) Started() time.Time {
	if p.StartedNs == 0 {
		return time.Time{}
	}
	return time.Unix(0, p.StartedNs)
}

// UID is the real user ID (KnownUser).
func (p *Process) UID() uint32 { return p.info().UID }

// User is the owner's name, or the UID in decimal when it has none (KnownUser).
func (p *Process) User() string { return p.info().User }

// Cmdline is argv joined by spaces, empty for kernel threads (KnownCmdline).
func (p *Process) Cmdline() string { return p.info().Cmdline }

// Argv returns the arguments of the command line (KnownCmdline), cut at
// ArgSeps, and whether the platform keeps them apart: Windows keeps one
// command line, not an argv, and reports false.
func (p *Process) Argv() ([]string, bool) {
	if !argvKept {
		return nil, false
	}
	i := p.info()
	if i.Cmdline == "" {
		return []string{}, true
	}
	argv := make([]string, 0, len(i.ArgSeps)+1)
	start := 0
	for _, s := range i.ArgSeps {
		if int(s) < start || int(s) >= len(i.Cmdline) {
			break // not this command line's: keep the rest whole
		}
		argv = append(argv, i.Cmdline[start:s])
		start = int(s) + 1
	}
	return append(argv, i.Cmdline[start:]), true
}

// argvKept: whether this platform's processes have an argv (see Argv).
var argvKept = runtime.GOOS != "windows"

// Argv0Len is the byte length of argv[0] at the start of Cmdline.
func (p *Process) Argv0Len() int32 { return p.info().Argv0Len }

// Exe is the executable's path (KnownExe).
func (p *Process) Exe() string { return p.info().Exe }

// Cgroup is the cgroup's path (KnownCgroup, Linux).
func (p *Process) Cgroup() string { return p.info().Cgroup }

// CPUTime is the process's whole-life CPU time, user plus system.
func (p *Process) CPUTime() time.Duration { return p.UserTime + p.SystemTime }

// Is reports whether all the given flags are set.
func (p *Process) Is(f Flags) bool { return p.Flags&f == f }
