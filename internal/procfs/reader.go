package procfs

import "errors"

// ErrGone is returned (wrapped) when a process vanished before or during a read:
// the kernel answered ENOENT or ESRCH. Callers skip such a process.
var ErrGone = errors.New("process is gone")

// ErrUnsupported is returned where /proc does not exist (every OS but Linux).
var ErrUnsupported = errors.New("/proc is not supported on this operating system")

// ReaderConfig configures a Reader.
type ReaderConfig struct {
	// Root is the proc file system's mount point; "" means "/proc".
	Root string
	// FDBudget is how many file descriptors the Reader may keep open across ticks
	// (one per kept /proc/PID/stat, statm or schedstat). Beyond it, files are opened, read and
	// closed each time. 0 means no kept descriptors at all.
	FDBudget int
}

// Stats counts what a Reader did, for benchmarks and the status line.
type Stats struct {
	KeptFDs  int    // descriptors currently kept open
	Opens    uint64 // files opened since the Reader was made
	Preads   uint64 // read syscalls (pread), kept descriptors or not
	Fallback uint64 // reads that used open/read/close because the budget was spent
	Listings uint64 // getdents passes over /proc (ListPIDs)
	Relists  uint64 // ticks that reused the last listing (Relist)
}
