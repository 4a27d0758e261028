package control

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc"
)

// Windows has no signals. Its menu offers what Windows can do to another process,
// each through a process handle that is opened first and checked against
// Target.Start, so the action reaches the process the user saw or nothing:
//
//	WM_CLOSE    ask the top-level windows to close, as taskkill without /F does;
//	            fails for console programs and services, which have none
//	CTRL_BREAK  console Ctrl-Break to the process group the target leads; Windows
//	            delivers it only within this program's own console. Ctrl-C cannot
//	            be aimed at a group, so it is not offered
//	SUSPEND     suspend every thread (NtSuspendProcess); suspensions nest
//	RESUME      undo one SUSPEND
//	TERMINATE   TerminateProcess with exit code 1, as taskkill /F does
//
// The numbers are pidtop's own action codes, not kernel values. Options.ForcePoll
// changes nothing here: there is no other path than the handle.
const (
	actClose     = 1
	actBreak     = 2
	actSuspend   = 3
	actResume    = 4
	actTerminate = 9
)

// terminateExitCode is the exit code TERMINATE gives the process.
const terminateExitCode = 1

var windowsActions = []Signal{
	{Num: actClose, Name: "WM_CLOSE"},
	{Num: actBreak, Name: "CTRL_BREAK"},
	{Num: actSuspend, Name: "SUSPEND"},
	{Num: actResume, Name: "RESUME"},
	{Num: actTerminate, Name: "TERMINATE"},
}

func signalsOS() []Signal { return append([]Signal(nil), windowsActions...) }

func gracefulSignal() Signal { return windowsActions[0] }

func forceSignal() Signal { return windowsActions[len(windowsActions)-1] }

// open pins t with a handle that has access (and the right to query and to wait)
// after checking its creation time, and words the failures in this package's
// errors.
func open(t Target, what string, access uint32) (windows.Handle, error) {
	if uint64(t.PID) > math.MaxUint32 {
		return 0, fmt.Errorf("%s pid %d: %w", what, t.PID, ErrBadTarget)
	}
	h, err := winproc.Open(uint32(t.PID), access|winproc.AccessSynchronize, t.Start)
	switch {
	case errors.Is(err, winproc.ErrGone):
		return 0, fmt.Errorf("%s pid %d: %w", what, t.PID, ErrGone)
	case errors.Is(err, winproc.ErrReused):
		return 0, fmt.Errorf("%s pid %d: %w", what, t.PID, ErrReused)
	case err != nil:
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return h, nil
}

// sendOS carries out one action of the menu on t.
func sendOS(t Target, sig Signal, _ Options) (Result, error) {
	var access uint32
	switch sig.Num {
	case actTerminate:
		access = winproc.AccessTerminate
	case actSuspend, actResume:
		access = winproc.AccessSuspendResume
	case actClose, actBreak:
	default:
		return Result{Path: PathUnknown}, fmt.Errorf("action %d (%s): %w", sig.Num, sig.Name, ErrUnsupported)
	}
	what := "send " + sig.Name + " to"
	h, err := open(t, what, access)
	if err != nil {
		return Result{Path: PathUnknown}, err
	}
	defer windows.CloseHandle(h)
	switch exited, _, err := winproc.Exited(h); {
	case err != nil:
		return Result{Path: PathUnknown}, fmt.Errorf("%s pid %d: %w", what, t.PID, err)
	case exited: // the object outlives the process while handles to it are open
		return Result{Path: PathUnknown}, fmt.Errorf("%s pid %d: %w", what, t.PID, ErrGone)
	}
	pid := uint32(t.PID)
	switch sig.Num {
	case actTerminate:
		err = winproc.Terminate(h, terminateExitCode)
	case actSuspend:
		err = winproc.Suspend(h)
	case actResume:
		err = winproc.Resume(h)
	case actBreak:
		err = winproc.CtrlBreak(pid)
	case actClose:
		if _, err = winproc.CloseWindows(pid); errors.Is(err, winproc.ErrNoWindows) {
			// Not deliverable to this process: the caller should escalate.
			return Result{Path: PathHandle}, fmt.Errorf("%s pid %d: %w (%w)", what, t.PID, winproc.ErrNoWindows, ErrUnsupported)
		}
	}
	if err != nil {
		return Result{Path: PathHandle}, fmt.Errorf("%s pid %d: %w", what, t.PID, err)
	}
	return Result{Path: PathHandle}, nil
}

// reniceOS sets t's priority class from the nice value (see
// winproc.PriorityClass for the mapping) and reads it back: Windows quietly
// gives high instead of realtime to a caller without the privilege.
func reniceOS(t Target, nice int, _ Options) (Result, error) {
	class := winproc.ClassForNice(nice)
	what := fmt.Sprintf("set priority class %s (nice %d) of", class, nice)
	h, err := open(t, what, winproc.AccessSetInfo)
	if err != nil {
		return Result{Path: PathUnknown}, err
	}
	defer windows.CloseHandle(h)
	if err := windows.SetPriorityClass(h, uint32(class)); err != nil {
		return Result{Path: PathHandle}, fmt.Errorf("%s pid %d: %w", what, t.PID, err)
	}
	got, err := windows.GetPriorityClass(h)
	if err != nil {
		return Result{Path: PathHandle}, fmt.Errorf("%s pid %d: read back: %w", what, t.PID, err)
	}
	if winproc.PriorityClass(got) != class {
		return Result{Path: PathHandle}, fmt.Errorf("%s pid %d: the system set %s instead (realtime needs the privilege to increase scheduling priority)",
			what, t.PID, winproc.PriorityClass(got))
	}
	return Result{Path: PathHandle}, nil
}

// waitOS waits on t's handle (and on ctx) and reads the exit code. A process
// that has exited while someone still holds a handle to it returns at once.
func waitOS(ctx context.Context, t Target, _ Options) (Exit, error) {
	begin := time.Now()
	h, err := open(t, "wait for", 0)
	if err != nil {
		return Exit{Path: PathUnknown}, err
	}
	defer windows.CloseHandle(h)
	code, err := winproc.Wait(ctx, h)
	ex := Exit{Path: PathHandle, Waited: time.Since(begin)}
	if err != nil {
		if ctx.Err() != nil {
			return ex, ctx.Err()
		}
		return ex, fmt.Errorf("wait for pid %d: %w", t.PID, err)
	}
	ex.StatusKnown, ex.Code = true, int(code)
	return ex, nil
}
