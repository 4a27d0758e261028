package winproc

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
)

// Access rights this package asks for (winnt.h); x/sys lacks the last one.
const (
	AccessQuery         = windows.PROCESS_QUERY_LIMITED_INFORMATION
	AccessTerminate     = windows.PROCESS_TERMINATE
	AccessSetInfo       = windows.PROCESS_SET_INFORMATION
	AccessSynchronize   = windows.SYNCHRONIZE
	AccessSuspendResume = 0x0800 // PROCESS_SUSPEND_RESUME
)

// Open opens the process pid with access (AccessQuery is always added) and checks
// that its creation time is start, a FILETIME. The handle pins the process object,
// so once the check passes every call through the handle reaches that very process,
// even if it exits meanwhile. Errors: ErrGone (no such PID), ErrReused (the PID is
// another process's now), or the system's refusal (windows.ERROR_ACCESS_DENIED)
// wrapped. The caller closes the handle.
func Open(pid uint32, access uint32, start uint64) (windows.Handle, error) {
	h, err := windows.OpenProcess(access|AccessQuery, false, pid)
	if err != nil {
		if errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
			return 0, fmt.Errorf("open pid %d: %w", pid, ErrGone)
		}
		return 0, fmt.Errorf("open pid %d: %w", pid, err)
	}
	got, err := CreationTime(h)
	if err != nil {
		windows.CloseHandle(h)
		return 0, fmt.Errorf("pid %d: %w", pid, err)
	}
	if got != start {
		windows.CloseHandle(h)
		return 0, fmt.Errorf("pid %d started at %d, not %d: %w", pid, got, start, ErrReused)
	}
	return h, nil
}

// CreationTime returns the creation time of the process behind h, a FILETIME.
func CreationTime(h windows.Handle) (uint64, error) {
	var create, exit, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(h, &create, &exit, &kernel, &user); err != nil {
		return 0, fmt.Errorf("GetProcessTimes: %w", err)
	}
	return uint64(create.HighDateTime)<<32 | uint64(create.LowDateTime), nil
}

// Exited reports whether the process behind h (opened with AccessSynchronize) has
// exited, and its exit code if so.
func Exited(h windows.Handle) (bool, uint32, error) {
	ev, err := windows.WaitForSingleObject(h, 0)
	switch {
	case err != nil:
		return false, 0, fmt.Errorf("WaitForSingleObject: %w", err)
	case ev == uint32(windows.WAIT_TIMEOUT):
		return false, 0, nil
	}
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return true, 0, fmt.Errorf("GetExitCodeProcess: %w", err)
	}
	return true, code, nil
}

// Terminate ends the process behind h (AccessTerminate) with exit code code.
func Terminate(h windows.Handle, code uint32) error {
	if err := windows.TerminateProcess(h, code); err != nil {
		return fmt.Errorf("TerminateProcess: %w", err)
	}
	return nil
}

// Suspend suspends every thread of the process behind h (AccessSuspendResume).
// Suspensions nest: each needs its Resume.
func Suspend(h windows.Handle) error {
	if err := callNT(procNtSuspendProcess, uintptr(h)); err != nil {
		return fmt.Errorf("NtSuspendProcess: %w", err)
	}
	return nil
}

// Resume undoes one Suspend of the process behind h (AccessSuspendResume).
func Resume(h windows.Handle) error {
	if err := callNT(procNtResumeProcess, uintptr(h)); err != nil {
		return fmt.Errorf("NtResumeProcess: %w", err)
	}
	return nil
}

// Wait blocks until the process behind h (AccessSynchronize) exits or ctx is done,
// with no polling: it waits on the handle and on an event set when ctx is done.
// It returns the exit code.
func Wait(ctx context.Context, h windows.Handle) (uint32, error) {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return 0, fmt.Errorf("CreateEvent: %w", err)
	}
	defer windows.CloseHandle(ev)
	stop := context.AfterFunc(ctx, func() { windows.SetEvent(ev) })
	defer stop()
	r, err := windows.WaitForMultipleObjects([]windows.Handle{h, ev}, false, windows.INFINITE)
	switch {
	case err != nil:
		return 0, fmt.Errorf("WaitForMultipleObjects: %w", err)
	case r == windows.WAIT_OBJECT_0+1:
		return 0, ctx.Err()
	case r != windows.WAIT_OBJECT_0:
		return 0, fmt.Errorf("WaitForMultipleObjects returned %#x", r)
	}
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return 0, fmt.Errorf("GetExitCodeProcess: %w", err)
	}
	return code, nil
}
