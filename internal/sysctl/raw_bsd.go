//go:build darwin || freebsd

package sysctl

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Top-level MIB numbers shared by both kernels (sys/sysctl.h).
const (
	ctlKern     = 1  // CTL_KERN
	kernArgmax  = 8  // KERN_ARGMAX
	kernProc    = 14 // KERN_PROC
	kernProcPID = 1  // KERN_PROC_PID
)

// maxGrow bounds how often Get re-sizes its buffer because the value grew
// between the size probe and the read (a process table growing under a fork storm).
const maxGrow = 8

// Get reads the value of mib into buf's storage, growing it (with an eighth more
// room) when the kernel says it is too small, and returns the filled part. A
// caller that passes the result back in reads without allocating once the buffer
// fits.
func Get(mib []int32, buf []byte) ([]byte, error) {
	for range maxGrow {
		if cap(buf) > 0 {
			buf = buf[:cap(buf)]
			n := uintptr(len(buf))
			err := sysctl(mib, &buf[0], &n, nil, 0)
			if err == nil {
				return buf[:n], nil
			}
			if !errors.Is(err, unix.ENOMEM) {
				return buf[:0], fmt.Errorf("sysctl %v: %w", mib, err)
			}
		}
		var n uintptr
		if err := sysctl(mib, nil, &n, nil, 0); err != nil {
			return buf[:0], fmt.Errorf("sysctl %v: %w", mib, err)
		}
		if n == 0 {
			return buf[:0], nil
		}
		buf = make([]byte, n+n/8+64)
	}
	return buf[:0], fmt.Errorf("sysctl %v: the value kept growing: %w", mib, unix.ENOMEM)
}

// NameToMIB resolves a sysctl name ("vm.loadavg") to its MIB, with the
// kernel's name-to-OID lookup (the {0, 3} node), so that repeated reads skip it.
func NameToMIB(name string) ([]int32, error) {
	if name == "" {
		return nil, fmt.Errorf("empty sysctl name: %w", unix.EINVAL)
	}
	var mib [24]int32 // CTL_MAXNAME
	n := uintptr(len(mib) * 4)
	b := append([]byte(name), 0)
	if err := sysctl([]int32{0, 3}, (*byte)(unsafe.Pointer(&mib[0])), &n, &b[0], uintptr(len(name))); err != nil {
		return nil, fmt.Errorf("sysctl name %s: %w", name, err)
	}
	return append([]int32(nil), mib[:n/4]...), nil
}

// GetUint reads an integer sysctl of 4 or 8 bytes (int, u_int, long, quad).
func GetUint(mib []int32) (uint64, error) {
	var b [8]byte
	n := uintptr(len(b))
	if err := sysctl(mib, &b[0], &n, nil, 0); err != nil {
		return 0, fmt.Errorf("sysctl %v: %w", mib, err)
	}
	switch n {
	case 4:
		return uint64(u32(b[:], 0)), nil
	case 8:
		return u64(b[:], 0), nil
	}
	return 0, fmt.Errorf("sysctl %v: %d-byte integer: %w", mib, n, ErrMalformed)
}

// ReadProc reads the kinfo_proc of one process (kern.proc.pid.PID), fresh from
// the kernel: what control checks a start time against right before acting. A
// PID without a process gives ErrNoProcess (macOS answers with no record,
// FreeBSD with ESRCH).
func ReadProc(pid int) (KinfoProc, error) {
	var k KinfoProc
	var buf [FreeBSDKinfoProcSize]byte
	n := uintptr(len(buf))
	err := sysctl([]int32{ctlKern, kernProc, kernProcPID, int32(pid)}, &buf[0], &n, nil, 0)
	switch {
	case errors.Is(err, unix.ESRCH), err == nil && n == 0:
		return k, fmt.Errorf("kern.proc.pid.%d: %w", pid, ErrNoProcess)
	case err != nil:
		return k, fmt.Errorf("kern.proc.pid.%d: %w", pid, err)
	}
	return k, decodeProc(buf[:n], &k)
}
