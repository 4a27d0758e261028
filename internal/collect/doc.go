// Package collect owns the platform-neutral process records (Process, System,
// Snapshot) and the collector goroutine that builds a Snapshot every tick.
//
// Per-OS adapters (source_<os>.go) turn a platform reader's native records
// (procfs, sysctl, winproc) into neutral ones; everything derived from two ticks
// (CPU%, IO rates, new/exited flags, CPU shares) is computed here, once, for all
// platforms.
//
// Beside the ticks, a few reads run on demand, for one process the user chose,
// off the UI goroutine: Inspect (the details pane) and the per-process views
// (ReadEnviron, ReadOpenFiles, ReadLocks, ReadActivity). On Linux they read
// through one /proc/PID directory descriptor whose start time was checked, so
// a PID given to another process meanwhile yields ErrExited, never its data.
//
// # How a tick works
//
// Run owns every piece of state; the setters (SetNeeds, SetShown, Pause, Fill,
// …) are messages to it. Each tick, on Run's goroutine:
//
//  1. Collect asks the source for every process (readProcs) with the options
//     the messages set: the union of needs of what is shown, sorted, filtered
//     and exported (Needs), the rows on screen (Shown), threads or not.
//  2. The source lists /proc and reads each process's stat; on Linux through a
//     descriptor it keeps per process (procfs.Reader), so a steady tick costs
//     about one pread per process. Files read once (owner, command line,
//     executable, cgroup) are read for new processes and after an exec only;
//     the optional files (statm, io, status) only when a need asks. A process
//     that vanished mid-read is left out, never an error.
//  3. readSystem reads the machine's counters (CPU times, memory, load).
//  4. The deriver turns the reads into a Snapshot: CPU% and I/O rates from the
//     last tick's records (matched by PID and start time, so a reused PID
//     starts afresh), new and exited flags (an exited process's last record
//     stays one tick as a tombstone), CPU shares and task counts. Rows the
//     viewer named on screen while the tick ran (SetShown after step 1) get
//     their statm now (fillLate), so the snapshot has them whole.
//  5. Run publishes the snapshot on a channel that holds one: a reader that
//     fell behind gets the newest. Nobody changes a snapshot after that. Run
//     then arms the timer for the next tick and waits for it or a message.
//
// Between ticks Run answers messages, among them Fill, which reads what a
// row that came on screen lacks (statm, a command line) and hands back filled
// copies: the viewer never reads /proc itself.
//
// That is the plain core. Each optimisation on it is a layer (internal/layer)
// with a switch, which leaves what a snapshot says the same: skipidle keeps
// the last record of a process whose schedstat says it has not run (step 2),
// relist reuses the last listing, firstlook makes the first frame come
// sooner, and so on. With PIDTOP_OFF=all the collector is the core alone.
//
// It must not format anything for display, import the UI, or mutate a Snapshot
// after publishing it.
package collect
