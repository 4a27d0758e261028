package collect

import "errors"

// Details are what the details pane shows of one process beyond a snapshot, read
// on demand by Inspect (never per tick). Sizes are bytes.
type Details struct {
	Exe       string // executable path, "" if unknown
	Cwd       string // working directory, "" if unknown
	Cgroup    string // cgroup path, "" if unknown
	OpenFiles int    // open file descriptors, -1 if unknown

	HasIDs    bool
	UIDs      [4]uint32 // real, effective, saved, filesystem
	GIDs      [4]uint32
	TracerPID int32 // the process tracing it, 0 if none

	Memory []Amount // the platform's memory breakdown, in display order

	HasCtx         bool
	CtxVoluntary   uint64 // context switches: waits
	CtxInvoluntary uint64 // context switches: preemptions

	IO *IOCounters // nil if unknown

	Problems []string // "what: why" for each part that could not be read
}

// Amount is one named size.
type Amount struct {
	Name  string
	Bytes uint64
}

// IOCounters are a process's whole-life I/O figures.
type IOCounters struct {
	ReadBytes, WriteBytes uint64 // storage
	RChar, WChar          uint64 // through read and write calls, cache included
	SyscR, SyscW          uint64 // read and write calls
	CancelledWriteBytes   uint64 // written then truncated away before reaching storage
}

// ErrExited is returned by Inspect when the PID now belongs to another process,
// or to none.
var ErrExited = errors.New("the process has exited")
