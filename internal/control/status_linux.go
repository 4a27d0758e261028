package control

import (
	"bytes"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// si_code values of a SIGCHLD siginfo (include/uapi/asm-generic/siginfo.h).
const (
	cldExited = 1 // exited; si_status is the exit code
	cldKilled = 2 // killed; si_status is the signal
	cldDumped = 3 // killed and dumped core; si_status is the signal
)

// childExit reads, without reaping (WNOWAIT), the status of our own child that
// has exited. ok is false for a process that is not our child (ECHILD) or has not
// exited.
func childExit(idType, id int) (ex Exit, ok bool) {
	var si unix.Siginfo
	err := unix.Waitid(idType, id, &si, unix.WEXITED|unix.WNOWAIT|unix.WNOHANG, nil)
	if err != nil || si.Signo == 0 { // WNOHANG leaves si zeroed when nothing exited
		return Exit{}, false
	}
	status := chldStatus(&si)
	switch si.Code {
	case cldExited:
		return Exit{StatusKnown: true, Code: int(status)}, true
	case cldKilled, cldDumped:
		return Exit{StatusKnown: true, Signaled: true, Signal: int(status)}, true
	}
	return Exit{}, false
}

// chldStatus returns si_status of a SIGCHLD siginfo. x/sys keeps the union opaque.
// In the kernel's layout the union follows three ints, padded to pointer
// alignment, and starts with si_pid, si_uid, si_status.
func chldStatus(si *unix.Siginfo) int32 {
	const ptr = unsafe.Sizeof(uintptr(0))
	const union = (12 + ptr - 1) &^ (ptr - 1)
	return *(*int32)(unsafe.Add(unsafe.Pointer(si), union+8))
}

// fromWaitStatus turns a wait(2) status word into an Exit.
func fromWaitStatus(ws unix.WaitStatus) Exit {
	switch {
	case ws.Exited():
		return Exit{StatusKnown: true, Code: ws.ExitStatus()}
	case ws.Signaled():
		return Exit{StatusKnown: true, Signaled: true, Signal: int(ws.Signal())}
	}
	return Exit{}
}

// zombieExit reads the status of a zombie from its stat bytes: field 52,
// exit_code, in wait-status form. The kernel shows it only to a reader allowed to
// ptrace-read the process and writes 0 for the others, so a 0 counts only when we
// are root.
func zombieExit(stat []byte) (Exit, bool) {
	closeP := bytes.LastIndexByte(stat, ')')
	if closeP < 0 {
		return Exit{}, false
	}
	f := bytes.Fields(stat[closeP+1:]) // f[0] is field 3, the state
	if len(f) < 50 || (f[0][0] != 'Z' && f[0][0] != 'X') {
		return Exit{}, false
	}
	code, err := strconv.ParseUint(string(f[49]), 10, 32)
	if err != nil || (code == 0 && os.Geteuid() != 0) {
		return Exit{}, false
	}
	return fromWaitStatus(unix.WaitStatus(code)), true
}
