//go:build darwin || freebsd

package control

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/sysctl"
)

// macOS and FreeBSD have no pidfd: a process cannot be pinned before it is
// acted on. Every action reads the target's kinfo_proc fresh (kern.proc.pid) and
// compares its start time, in microseconds, with the Target's right before the
// system call. The remaining window: if between that read and kill(2) or
// setpriority(2) — a few microseconds — the target exits, is reaped and its PID
// is handed to a new process, the new process is hit. macOS hands out PIDs in
// increasing order up to 99999; FreeBSD does too unless kern.randompid is set,
// which makes a quick reuse possible, if still unlikely.

// lookupBSD reads t's kinfo_proc and checks that the PID still belongs to t.
func lookupBSD(t Target) (sysctl.KinfoProc, error) {
	k, err := sysctl.ReadProc(t.PID)
	switch {
	case errors.Is(err, sysctl.ErrNoProcess):
		return k, fmt.Errorf("pid %d: %w", t.PID, ErrGone)
	case err != nil:
		return k, fmt.Errorf("read the process table entry of pid %d: %w", t.PID, err)
	case int(k.PID) != t.PID: // FreeBSD answers a thread ID with its process
		return k, fmt.Errorf("%d is a thread of pid %d, not a process: %w", t.PID, k.PID, ErrUnsupported)
	case k.StartMicros() != t.Start:
		return k, fmt.Errorf("pid %d started at %d µs, the target at %d µs: %w", t.PID, k.StartMicros(), t.Start, ErrReused)
	}
	return k, nil
}

func sendOS(t Target, sig Signal, _ Options) (Result, error) {
	if _, err := lookupBSD(t); err != nil {
		return Result{Path: PathUnknown}, err
	}
	err := unix.Kill(t.PID, unix.Signal(sig.Num))
	return Result{Path: PathKill}, kernelErr(fmt.Sprintf("send %s (%d) to", sig.Name, sig.Num), t, err)
}

// reniceOS checks t, calls setpriority(2) and checks again: a start time that
// still matches afterwards proves the call reached t, since a PID never returns
// to a process once it left it.
func reniceOS(t Target, nice int, _ Options) (Result, error) {
	if _, err := lookupBSD(t); err != nil {
		return Result{Path: PathUnknown}, err
	}
	err := unix.Setpriority(unix.PRIO_PROCESS, t.PID, nice)
	if err != nil {
		return Result{Path: PathKill}, kernelErr(fmt.Sprintf("set nice %d of", nice), t, err)
	}
	if _, err := lookupBSD(t); err != nil {
		return Result{Path: PathKill}, fmt.Errorf("renice: the target changed during the call: %w", err)
	}
	return Result{Path: PathKill}, nil
}

// errNoKqueue marks a kqueue step the kernel refused: waitOS then polls.
var errNoKqueue = errors.New("kqueue refused")

// waitOS waits with kqueue (EVFILT_PROC, NOTE_EXIT: one blocking kevent call,
// also for processes that are not our children) and polls when kqueue is
// refused or Options.ForcePoll asks for it.
func waitOS(ctx context.Context, t Target, o Options) (Exit, error) {
	begin := time.Now()
	ex, err := Exit{}, errNoKqueue
	if !o.ForcePoll {
		ex, err = waitKqueue(ctx, t)
	}
	if errors.Is(err, errNoKqueue) {
		ex, err = waitPollBSD(ctx, t)
	}
	ex.Waited = time.Since(begin)
	return ex, err
}

// noteExitStatus is macOS's NOTE_EXITSTATUS: NOTE_EXIT's data then carries the
// wait(2) status. macOS grants it only to the parent; FreeBSD always puts the
// status in the data.
const noteExitStatus = 0x04000000

// userIdent is the EVFILT_USER event that a watcher triggers when ctx ends.
const userIdent = 1

// waitKqueue checks t, attaches an EVFILT_PROC/NOTE_EXIT note to its PID and
// checks again: a start time that still matches proves the note is on t (the PID
// did not pass to another process in between). Then one kevent call blocks
// until the exit or until ctx ends.
func waitKqueue(ctx context.Context, t Target) (Exit, error) {
	k, err := lookupBSD(t)
	if err != nil {
		return Exit{Path: PathKqueue}, err
	}
	kq, err := unix.Kqueue()
	if err != nil {
		return Exit{}, fmt.Errorf("%w: %w", errNoKqueue, err)
	}
	defer unix.Close(kq)
	note := make([]unix.Kevent_t, 1, 2)
	unix.SetKevent(&note[0], t.PID, unix.EVFILT_PROC, unix.EV_ADD|unix.EV_ONESHOT)
	note[0].Fflags = unix.NOTE_EXIT
	if runtime.GOOS == "darwin" && int(k.PPID) == os.Getpid() {
		note[0].Fflags |= noteExitStatus
	}
	if ctx.Done() != nil {
		note = append(note, unix.Kevent_t{Ident: userIdent, Filter: unix.EVFILT_USER, Flags: unix.EV_ADD | unix.EV_CLEAR})
	}
	switch _, err := unix.Kevent(kq, note, nil, nil); {
	case errors.Is(err, unix.ESRCH):
		return Exit{Path: PathKqueue}, nil // exited after the first check
	case err != nil:
		return Exit{}, fmt.Errorf("%w: kevent EVFILT_PROC on %d: %w", errNoKqueue, t.PID, err)
	}
	switch k, err := lookupBSD(t); {
	case err == nil && k.Stat != sysctl.SZOMB:
	case err == nil || errors.Is(err, ErrGone) || errors.Is(err, ErrReused):
		// Exited meanwhile: take its status if the note already fired.
		ex, _, err := kqueueEvent(kq, t, &unix.Timespec{})
		return ex, err
	default:
		return Exit{Path: PathKqueue}, err
	}
	if ctx.Done() != nil {
		stop := triggerOnDone(ctx, kq)
		defer stop()
	}
	ex, exited, err := kqueueEvent(kq, t, nil)
	if err == nil && !exited {
		return ex, ctx.Err()
	}
	return ex, err
}

// kqueueEvent waits for the next event, no longer than timeout (forever when
// nil). exited is true for NOTE_EXIT, and also when the timeout passed without
// an event (the caller already knows the process exited); the user event (ctx
// ended) gives false.
func kqueueEvent(kq int, t Target, timeout *unix.Timespec) (ex Exit, exited bool, err error) {
	ex.Path = PathKqueue
	var ev [2]unix.Kevent_t
	for {
		n, err := unix.Kevent(kq, nil, ev[:], timeout)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return ex, false, fmt.Errorf("kevent waiting for pid %d: %w", t.PID, err)
		}
		for _, e := range ev[:n] {
			switch {
			case e.Filter == unix.EVFILT_PROC && e.Fflags&unix.NOTE_EXIT != 0:
				if runtime.GOOS == "freebsd" || e.Fflags&noteExitStatus != 0 {
					setWaitStatus(&ex, unix.WaitStatus(uint32(e.Data)))
				}
				return ex, true, nil
			case e.Filter == unix.EVFILT_USER:
				return ex, false, nil
			}
		}
		if n == 0 && timeout != nil {
			return ex, true, nil
		}
	}
}

// triggerOnDone triggers the kqueue's user event when ctx ends. stop ends the
// watcher before the caller closes kq, so it never touches a closed descriptor.
func triggerOnDone(ctx context.Context, kq int) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
			ev := []unix.Kevent_t{{Ident: userIdent, Filter: unix.EVFILT_USER, Fflags: unix.NOTE_TRIGGER}}
			unix.Kevent(kq, ev, nil, nil)
		case <-quit:
		}
	}()
	return func() { close(quit); <-done }
}

// setWaitStatus fills ex from a wait(2) status.
func setWaitStatus(ex *Exit, ws unix.WaitStatus) {
	switch {
	case ws.Exited():
		ex.StatusKnown, ex.Code = true, ws.ExitStatus()
	case ws.Signaled():
		ex.StatusKnown, ex.Signaled, ex.Signal = true, true, int(ws.Signal())
	}
}

// The fallback wait's backoff: the first pause and the longest.
const (
	pollFirstBSD = 100 * time.Microsecond
	pollMostBSD  = 40 * time.Millisecond
)

// waitPollBSD is the fallback wait: it reads t's kinfo_proc with a pause that
// doubles from 0.1 ms to 40 ms. t has exited when its PID is gone, belongs to
// another process or shows a zombie. Gone or reused on the first look is the
// caller's error, as on the kqueue path.
func waitPollBSD(ctx context.Context, t Target) (Exit, error) {
	ex := Exit{Path: PathPoll}
	timer := time.NewTimer(pollFirstBSD)
	defer timer.Stop()
	for pause, first := pollFirstBSD, true; ; pause, first = min(2*pause, pollMostBSD), false {
		k, err := lookupBSD(t)
		switch {
		case err == nil && k.Stat == sysctl.SZOMB:
			return ex, nil
		case err == nil:
		case !first && (errors.Is(err, ErrGone) || errors.Is(err, ErrReused)):
			return ex, nil
		default:
			return ex, err
		}
		if !first {
			timer.Reset(pause)
		}
		select {
		case <-ctx.Done():
			return ex, ctx.Err()
		case <-timer.C:
		}
	}
}

// bsdSignals is the signal menu of both systems, in number order (the numbers
// are the same on macOS and FreeBSD: sys/signal.h).
var bsdSignals = []Signal{
	{int(unix.SIGHUP), "SIGHUP"}, {int(unix.SIGINT), "SIGINT"}, {int(unix.SIGQUIT), "SIGQUIT"},
	{int(unix.SIGILL), "SIGILL"}, {int(unix.SIGTRAP), "SIGTRAP"}, {int(unix.SIGABRT), "SIGABRT"},
	{int(unix.SIGEMT), "SIGEMT"}, {int(unix.SIGFPE), "SIGFPE"}, {int(unix.SIGKILL), "SIGKILL"},
	{int(unix.SIGBUS), "SIGBUS"}, {int(unix.SIGSEGV), "SIGSEGV"}, {int(unix.SIGSYS), "SIGSYS"},
	{int(unix.SIGPIPE), "SIGPIPE"}, {int(unix.SIGALRM), "SIGALRM"}, {int(unix.SIGTERM), "SIGTERM"},
	{int(unix.SIGURG), "SIGURG"}, {int(unix.SIGSTOP), "SIGSTOP"}, {int(unix.SIGTSTP), "SIGTSTP"},
	{int(unix.SIGCONT), "SIGCONT"}, {int(unix.SIGCHLD), "SIGCHLD"}, {int(unix.SIGTTIN), "SIGTTIN"},
	{int(unix.SIGTTOU), "SIGTTOU"}, {int(unix.SIGIO), "SIGIO"}, {int(unix.SIGXCPU), "SIGXCPU"},
	{int(unix.SIGXFSZ), "SIGXFSZ"}, {int(unix.SIGVTALRM), "SIGVTALRM"}, {int(unix.SIGPROF), "SIGPROF"},
	{int(unix.SIGWINCH), "SIGWINCH"}, {int(unix.SIGINFO), "SIGINFO"}, {int(unix.SIGUSR1), "SIGUSR1"},
	{int(unix.SIGUSR2), "SIGUSR2"},
}

// signalsOS is the menu; FreeBSD adds SIGTHR (32) and SIGLIBRT (33), which
// macOS lacks.
func signalsOS() []Signal {
	list := append([]Signal(nil), bsdSignals...)
	if runtime.GOOS == "freebsd" {
		list = append(list, Signal{32, "SIGTHR"}, Signal{33, "SIGLIBRT"})
	}
	return list
}

func gracefulSignal() Signal { return Signal{Num: int(unix.SIGTERM), Name: "SIGTERM"} }

func forceSignal() Signal { return Signal{Num: int(unix.SIGKILL), Name: "SIGKILL"} }
