package caps

import (
	"fmt"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Drop lowers the permitted and effective capabilities of every thread of
// this process to those of m that it has, and clears the inheritable ones,
// as htop's cap_set_proc does; the bounding set is left alone (pidtop
// executes nothing). Linux keeps capabilities per thread and Go runs on
// several, so the capset call is made on all of them at once
// (syscall.AllThreadsSyscall); in a cgo binary that is impossible and Drop
// returns ErrThreads, having changed nothing. A process without
// capabilities (an ordinary user's) has nothing to drop.
func Drop(m Mode) error {
	if m == Off {
		return nil
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var cur [2]unix.CapUserData
	if err := unix.Capget(&hdr, &cur[0]); err != nil {
		return fmt.Errorf("read the capabilities: %w", err)
	}
	perm := uint64(cur[0].Permitted) | uint64(cur[1].Permitted)<<32
	inh := uint64(cur[0].Inheritable) | uint64(cur[1].Inheritable)<<32
	keep := perm & m.keep()
	if keep == perm && inh == 0 && effective(cur) == keep {
		return nil // nothing to drop
	}
	next := [2]unix.CapUserData{
		{Effective: uint32(keep), Permitted: uint32(keep)},
		{Effective: uint32(keep >> 32), Permitted: uint32(keep >> 32)},
	}
	hdr.Pid = 0 // each thread sets its own
	_, _, e := syscall.AllThreadsSyscall(unix.SYS_CAPSET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&next[0])), 0)
	switch {
	case e == syscall.ENOTSUP:
		return ErrThreads
	case e != 0:
		return fmt.Errorf("drop capabilities (%s): %w", m, e)
	}
	return nil
}

func effective(d [2]unix.CapUserData) uint64 {
	return uint64(d[0].Effective) | uint64(d[1].Effective)<<32
}
