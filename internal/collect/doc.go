// Package collect owns the platform-neutral process records (Process, System,
// Snapshot) and the collector goroutine that builds a Snapshot every tick.
//
// Per-OS adapters (source_<os>.go) turn a platform reader's native records
// (procfs, sysctl, winproc) into neutral ones; everything derived from two ticks
// (CPU%, IO rates, new/exited flags, CPU shares) is computed here, once, for all
// platforms.
//
// It must not format anything for display, import the UI, or mutate a Snapshot
// after publishing it.
package collect
