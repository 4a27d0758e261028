package collect

// Needs says which optional per-process figures the consumer will show, sort or
// filter by. The collector reads the union of what the visible columns need, so an
// expensive file (Linux: statm, io) is read only when something uses it.
type Needs uint32

// The Needs bits.
const (
	NeedShr     Needs = 1 << iota // ShrBytes and the exact ResBytes (Linux: statm) for every process
	NeedIO                        // ReadBytes, WriteBytes and their rates (Linux: io)
	NeedCmdline                   // Cmdline, Argv0Len: read once per process and after exec
	NeedExe                       // Exe: read once per process and after exec
	NeedCgroup                    // Cgroup: read once per process
	// NeedShrShown is NeedShr for the processes last named by SetShown only: the
	// rows on screen, when no sort or filter needs the figure for all. The others
	// keep stat's ResBytes (the kernel's per-CPU-cached count) and no ShrBytes.
	// A row that comes on screen between two ticks is read by Fill.
	NeedShrShown
	// NeedFresh makes SkipIdle read every process's stat every tick: for a sort
	// by a field that another process can change while this one sleeps (nice,
	// priority, parent, process group, session, terminal, virtual size).
	NeedFresh
	NeedStatExtra // Extra's figures from stat: TPGID, the children's times and faults
	NeedIOChars   // Extra's I/O call counts (Linux: io, as NeedIO)
	NeedCtxt      // Extra's context switches (Linux: status)
	NeedSmaps     // Extra's PSS, swap and USS (Linux: smaps_rollup, the costliest file)
	NeedOOM       // Extra's OOM score (Linux: oom_score)
	NeedIOPrio    // Extra's I/O priority (Linux: ioprio_get)
)

// NeedExtra is every Needs bit whose figures live in Process.Extra.
const NeedExtra = NeedStatExtra | NeedIOChars | NeedCtxt | NeedSmaps | NeedOOM | NeedIOPrio

// NeedAll is every optional figure.
const NeedAll = NeedShr | NeedIO | NeedCmdline | NeedExe | NeedCgroup | NeedExtra

// readOptions is what one tick asks of a platform source.
type readOptions struct {
	Threads          bool    // also list userland threads as rows (FlagThread)
	Needs            Needs   // optional figures to read
	CmdlineEveryTick bool    // re-read command lines every tick, not only for new processes
	Shown            []int32 // with NeedShrShown or SkipIdle: the PIDs on screen
	SkipIdle         bool    // see Config.SkipIdle
	KeepIdle         bool    // see Config.KeepIdle
}

// cpuTimes is one CPU's cumulative time per state, in any unit the platform counts
// in (Linux: USER_HZ ticks); only ratios of deltas are used.
type cpuTimes struct {
	User, Nice, System, Idle, IOWait, IRQ, SoftIRQ, Steal, Guest, GuestNice uint64
}

// add sums o into c, counter by counter (for a total over all CPUs).
func (c *cpuTimes) add(o cpuTimes) {
	c.User += o.User
	c.Nice += o.Nice
	c.System += o.System
	c.Idle += o.Idle
	c.IOWait += o.IOWait
	c.IRQ += o.IRQ
	c.SoftIRQ += o.SoftIRQ
	c.Steal += o.Steal
	c.Guest += o.Guest
	c.GuestNice += o.GuestNice
}

// rawSystem is a platform source's system read: the neutral fields plus the
// cumulative CPU counters that the collector turns into shares.
type rawSystem struct {
	System
	cpuTotal cpuTimes
	cpus     []cpuTimes
	// running, when positive, is the kernel's own count of runnable tasks
	// (Linux: procs_running), better than counting R states: a process's state
	// is its main thread's, which sleeps while another thread runs.
	running int
}

// source reads one platform's processes and system figures into neutral records.
// It is owned by the collector's goroutine; none of its methods run concurrently.
type source interface {
	// readProcs appends every live process (and thread, with o.Threads) to dst and
	// returns it. It fills the raw fields (times, sizes, names); the collector
	// computes CPUPercent, MemPercent, IO rates and the New/Exited flags. A process
	// that vanishes mid-read is skipped and counted in cost.
	readProcs(dst []Process, o readOptions, cost *Cost) []Process
	// readSystem fills the system-wide figures.
	readSystem(dst *rawSystem) error
	// close releases what the source keeps open (file descriptors, handles).
	close()
}
