package ui

import (
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

const ioctlGetTermios = unix.TCGETS

// raise stops the process with sig, as sig's default action does, and returns
// once it continues. Go keeps its own handler for a signal that was ever
// passed to signal.Notify (signal.Reset leaves it, and it drops SIGTSTP), so
// the default action is put in place with rt_sigaction for the moment of the
// stop, and Go's handler put back after. The signal goes to the calling thread,
// which takes it on its way out of tgkill: the process has stopped and
// continued before raise returns. (Sent to the process, another thread could
// take it while this one went on to take the terminal back.) In an orphaned
// process group the kernel discards the stop, as for one from the terminal.
func raise(sig syscall.Signal) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var dfl, old sigactionBuf // dfl: all zero, SIG_DFL with no flags and an empty mask
	if sigaction(sig, &dfl, &old) != nil {
		return
	}
	unix.Tgkill(unix.Getpid(), unix.Gettid(), sig)
	sigaction(sig, &old, nil)
}

// sigactionBuf holds the kernel's struct sigaction, whose layout differs
// between architectures; raise only zeroes one and hands one back.
type sigactionBuf [64]byte

// sigaction is rt_sigaction(2). The kernel's sigset_t is 8 bytes, 16 on MIPS:
// it refuses any other size with EINVAL.
func sigaction(sig syscall.Signal, act, old *sigactionBuf) error {
	var e syscall.Errno
	for _, size := range []uintptr{8, 16} {
		_, _, e = unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(act)),
			uintptr(unsafe.Pointer(old)), size, 0, 0)
		if e != unix.EINVAL {
			break
		}
	}
	if e != 0 {
		return e
	}
	return nil
}
