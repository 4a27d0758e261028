package control

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Target is the process the user saw: its PID and its start time in the platform's
// start-time token (Linux: clock ticks since boot, stat field 22; macOS/FreeBSD:
// microseconds since the Unix epoch; Windows: FILETIME). An action reaches the
// process only if both still match.
type Target struct {
	PID   int
	Start uint64
}

// Signal is one entry of the platform's signal menu.
type Signal struct {
	Num  int    // the number passed to the kernel (Windows: an action code, see Signals)
	Name string // e.g. "SIGTERM"
}

// Path says how an action reached the kernel.
type Path string

// The paths an action can take.
const (
	PathPidfd   Path = "pidfd"   // Linux pidfd_open + pidfd_send_signal / poll
	PathKill    Path = "kill"    // kill(2) after a start-time check (fallback)
	PathKqueue  Path = "kqueue"  // BSD/macOS EVFILT_PROC
	PathPoll    Path = "poll"    // polling fallback with backoff
	PathHandle  Path = "handle"  // Windows process handle
	PathWaitid  Path = "waitid"  // our own child, reaped with its status
	PathUnknown Path = "unknown" // nothing was sent
)

// Result is what one Signal or Renice did.
type Result struct {
	Path Path // how it was sent
}

// Exit is what Wait learned about a process's end.
type Exit struct {
	Path        Path
	StatusKnown bool // Code/Signaled are valid
	Code        int  // exit status (when !Signaled)
	Signaled    bool // killed by a signal
	Signal      int  // the signal, when Signaled
	Waited      time.Duration
}

// Step is one step of Terminate.
type Step struct {
	What string        // "SIGTERM", "wait", "SIGKILL"
	Err  error         // nil on success
	Took time.Duration // time spent in the step
	Exit Exit          // what a successful "wait" step learned; zero otherwise
}

// Options tune how actions are carried out. The zero value is the normal path.
type Options struct {
	// ForcePoll skips the event-driven path (pidfd, kqueue) and uses the fallback,
	// as if the kernel had refused it. For tests and for users on odd kernels.
	ForcePoll bool
}

// The errors an action returns; wrapped with context, compare with errors.Is.
var (
	// ErrReused: the PID now belongs to another process (the target exited).
	ErrReused = errors.New("the process has exited and its PID now belongs to another process")
	// ErrGone: no process has the PID any more.
	ErrGone = errors.New("the process has exited")
	// ErrUnsupported: this platform cannot do the action.
	ErrUnsupported = errors.New("not supported on this operating system")
	// ErrBadTarget: the PID cannot name one process (zero or negative: kill(2)
	// would read it as a process group or as every process).
	ErrBadTarget = errors.New("not a valid process ID")
	// ErrStillRunning: Terminate's wait ran out of time and the process is alive.
	ErrStillRunning = errors.New("the process is still running")
	// ErrBadValue: an I/O priority, CPU set or policy the kernel could not take.
	ErrBadValue = errors.New("not a valid value")
)

// check refuses a Target that cannot name exactly one process.
func (t Target) check() error {
	if t.PID <= 0 {
		return fmt.Errorf("pid %d: %w", t.PID, ErrBadTarget)
	}
	return nil
}

// Send delivers sig to t, but only if t's PID still belongs to the process that
// started at t.Start; otherwise it returns ErrReused or ErrGone and sends nothing.
func Send(t Target, sig Signal, o Options) (Result, error) {
	if err := t.check(); err != nil {
		return Result{Path: PathUnknown}, err
	}
	return sendOS(t, sig, o)
}

// Renice sets t's nice value (Windows: its priority class) after the same identity
// check as Send. The kernel's refusal (EPERM, EACCES) is returned wrapped.
func Renice(t Target, nice int, o Options) (Result, error) {
	if err := t.check(); err != nil {
		return Result{Path: PathUnknown}, err
	}
	return reniceOS(t, nice, o)
}

// Wait blocks until t exits or ctx is done, without a sleep loop where the platform
// has exit notifications. It works for processes that are not our children. If t
// had already exited when Wait began, the error wraps ErrGone or ErrReused; when
// ctx ends first, the error is ctx's.
func Wait(ctx context.Context, t Target, o Options) (Exit, error) {
	if err := t.check(); err != nil {
		return Exit{Path: PathUnknown}, err
	}
	return waitOS(ctx, t, o)
}

// GracefulSignal is the platform's polite request to exit (SIGTERM on Unix), the
// first step of Terminate.
func GracefulSignal() Signal { return gracefulSignal() }

// ForceSignal is the platform's unconditional kill (SIGKILL on Unix), Terminate's
// escalation.
func ForceSignal() Signal { return forceSignal() }

// Signals lists the platform's signal menu, in menu order.
func Signals() []Signal { return signalsOS() }
