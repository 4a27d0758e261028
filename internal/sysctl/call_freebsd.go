package sysctl

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// sysctl is the __sysctl system call.
func sysctl(mib []int32, old *byte, oldlen *uintptr, new *byte, newlen uintptr) error {
	_, _, e := unix.Syscall6(unix.SYS___SYSCTL,
		uintptr(unsafe.Pointer(&mib[0])), uintptr(len(mib)),
		uintptr(unsafe.Pointer(old)), uintptr(unsafe.Pointer(oldlen)),
		uintptr(unsafe.Pointer(new)), newlen)
	if e != 0 {
		return e
	}
	return nil
}
