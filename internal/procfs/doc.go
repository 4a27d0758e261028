// Package procfs reads Linux's /proc: pure parsers, one per /proc file, that turn
// the kernel's text into typed records (Stat, Statm, Status, IO, SysStat, Meminfo,
// LoadAvg, uptime, cgroup path, command line), and the grouped per-process reader
// that feeds internal/collect. The parsers of the on-demand per-process views
// (environ, fdinfo, maps, /proc/net sockets, /proc/locks, syscall, wchan, stack)
// are read once when a view asks, never per tick, so they favour clarity over
// allocation.
//
// The parsers do no I/O, carry no build tag and run on any OS, so they are tested
// everywhere on fixtures copied from a real /proc (testdata/live, refreshed with
// `make fixtures`) and on hand-made hostile ones (testdata/hostile). Those on the
// per-tick path do not allocate. Sizes keep the kernel's unit and say it: pages
// (Stat.RSS, Statm), clock ticks (Stat times, CPUStat), or bytes where the file
// has kB (Status, Meminfo).
//
// What it must not do: import any other pidtop package (it is a leaf; collect
// adapts its records), know anything of the UI (no formatting, no sanitizing of
// the names and command lines it returns: they are the process's raw bytes), or
// read a /proc file more than once per tick.
package procfs
