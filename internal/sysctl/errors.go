package sysctl

import "errors"

// The errors of this package; wrapped with context, compare with errors.Is.
var (
	// ErrNoProcess: no process has the PID (it exited, or never existed).
	ErrNoProcess = errors.New("no such process")
	// ErrMalformed: the kernel's bytes are not in the format the decoder knows.
	ErrMalformed = errors.New("malformed sysctl data")
	// ErrLayout: the kernel's kinfo_proc has a size this build does not decode
	// (another architecture or an unknown OS release).
	ErrLayout = errors.New("unsupported kinfo_proc layout")
	// ErrUnsupported: the figure does not exist on this operating system.
	ErrUnsupported = errors.New("not available on this operating system")
)
