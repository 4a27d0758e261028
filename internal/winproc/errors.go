package winproc

import "errors"

// The errors of this package; they are wrapped with context, compare with errors.Is.
var (
	// ErrMalformed: a buffer is not laid out the way the system writes it.
	ErrMalformed = errors.New("malformed system information buffer")
	// ErrGone: no process has the PID any more, or it has already exited.
	ErrGone = errors.New("the process has exited")
	// ErrReused: the PID belongs to a process with another creation time.
	ErrReused = errors.New("the PID now belongs to another process")
	// ErrNoWindows: the process has no top-level window to send WM_CLOSE to.
	ErrNoWindows = errors.New("the process has no top-level windows to close")
)
