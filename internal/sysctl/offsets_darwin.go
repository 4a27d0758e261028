package sysctl

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The macOS decoder's offsets and size, checked at compile time against
// golang.org/x/sys/unix.KinfoProc (cgo -godefs output of the real headers): a
// mismatch makes an index out of range or a negative uintptr, so a darwin build
// fails instead of decoding the wrong bytes.
var (
	xk unix.KinfoProc
	_  = [1]struct{}{}[unsafe.Sizeof(xk)-DarwinKinfoProcSize]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc)+unsafe.Offsetof(xk.Proc.P_starttime)-macStartSec]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_starttime.Usec)-macStartUsec]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_flag)-macFlag]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_stat)-macStat]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_pid)-macPID]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_priority)-macPriority]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_nice)-macNice]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Proc.P_comm)-macComm]
	_  = [1]struct{}{}[unsafe.Sizeof(xk.Proc.P_comm)-macCommLen]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Eproc)+unsafe.Offsetof(xk.Eproc.Pcred)+unsafe.Offsetof(xk.Eproc.Pcred.P_ruid)-macRUID]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Eproc)+unsafe.Offsetof(xk.Eproc.Ucred)+unsafe.Offsetof(xk.Eproc.Ucred.Uid)-macEUID]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Eproc)+unsafe.Offsetof(xk.Eproc.Ppid)-macPPID]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Eproc)+unsafe.Offsetof(xk.Eproc.Pgid)-macPGID]
	_  = [1]struct{}{}[unsafe.Offsetof(xk.Eproc)+unsafe.Offsetof(xk.Eproc.Tdev)-macTDev]
)
