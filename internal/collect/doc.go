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
// It must not format anything for display, import the UI, or mutate a Snapshot
// after publishing it.
package collect
