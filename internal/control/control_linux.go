package control

import (
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/sys/unix"
)

// sendOS pins t with a pidfd, checks its start time and signals through the pidfd,
// so the signal reaches exactly the process that was checked. When the pidfd path
// is refused it falls back to sendKill.
func sendOS(t Target, sig Signal, o Options) (Result, error) {
	if !o.ForcePoll {
		fd, err := pin(t)
		if err == nil {
			defer unix.Close(fd)
			err = unix.PidfdSendSignal(fd, unix.Signal(sig.Num), nil, 0)
			return Result{Path: PathPidfd}, sendErr(t, sig, err)
		}
		if !errors.Is(err, errRefused) {
			return Result{Path: PathUnknown}, err
		}
	}
	return sendKill(t, sig)
}

// sendKill is the fallback: the same start-time check, then kill(2). It leaves a
// window the pidfd path does not have: if between the read of /proc/PID/stat and
// kill(2) — a few microseconds — the target exits, is reaped, and the kernel hands
// its PID to a new process, that process gets the signal. The kernel allocates
// PIDs in increasing order up to pid_max before it wraps, so this takes a PID
// space that wraps within the window.
func sendKill(t Target, sig Signal) (Result, error) {
	if _, _, err := checkStat(t); err != nil {
		return Result{Path: PathUnknown}, err
	}
	return Result{Path: PathKill}, sendErr(t, sig, unix.Kill(t.PID, unix.Signal(sig.Num)))
}

// sendErr words the kernel's answer to a signal: ESRCH becomes ErrGone, anything
// else (EPERM above all) is returned wrapped, so errors.Is(err, fs.ErrPermission)
// holds for a refusal.
func sendErr(t Target, sig Signal, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ESRCH):
		return fmt.Errorf("send %s to pid %d: %w", sigName(sig), t.PID, ErrGone)
	}
	return fmt.Errorf("send %s to pid %d: %w", sigName(sig), t.PID, err)
}

// sigName is the signal's name, or its number when the caller gave none.
func sigName(sig Signal) string {
	if sig.Name != "" {
		return sig.Name
	}
	return "signal " + strconv.Itoa(sig.Num)
}

// reniceOS checks t's identity, sets the nice value with setpriority(2) and then
// checks again (see checked). setpriority takes a PID, not a pidfd; the second
// check proves the value reached t.
//
// Without a pidfd the Result names PathKill, the fallback's path, though the call
// is setpriority, not kill.
//
// Linux keeps a nice value per thread; like htop and top this sets the one of
// the thread whose TID is the PID (the main thread; threads created later inherit it).
func reniceOS(t Target, nice int, o Options) (Result, error) {
	return checked(t, o, "renice", func() error { return setNice(t, nice) })
}

// setNice calls setpriority(PRIO_PROCESS). Lowering the nice value below the
// RLIMIT_NICE floor without CAP_SYS_NICE gives EACCES; another user's process
// gives EPERM; both come back wrapped with the kernel's words.
func setNice(t Target, nice int) error {
	err := unix.Setpriority(unix.PRIO_PROCESS, t.PID, nice)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ESRCH):
		return fmt.Errorf("set nice of pid %d to %d: %w", t.PID, nice, ErrGone)
	}
	return fmt.Errorf("set nice of pid %d to %d: %w", t.PID, nice, err)
}

func gracefulSignal() Signal { return Signal{Num: int(unix.SIGTERM), Name: "SIGTERM"} }

func forceSignal() Signal { return Signal{Num: int(unix.SIGKILL), Name: "SIGKILL"} }
