//go:build freebsd && (amd64 || arm64 || riscv64)

package control

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// FreeBSD: cpuset_setaffinity(CPU_LEVEL_WHICH, CPU_WHICH_PID) after the
// kinfo_proc identity check of the other BSD actions, checked again after
// the call (as renice). FreeBSD 13's cpuset_t is 256 bits and its kernel
// refuses a larger one with ERANGE; 14's is 1024 bits: the call is tried
// with the small size first, then the large.

const hasAffinity = true

const (
	cpuLevelWhich = 3 // CPU_LEVEL_WHICH: the set of one thread or process
	cpuWhichPID   = 2 // CPU_WHICH_PID
)

// cpusetSizes are the cpuset_t sizes in bytes of FreeBSD 13 and 14.
var cpusetSizes = []uintptr{256 / 8, 1024 / 8}

// cpusetCall makes a cpuset_{get,set}affinity call on pid with mask, trying
// each size until the kernel takes one.
func cpusetCall(trap uintptr, pid int, mask *[maxCPUs / 64]uint64) error {
	var e unix.Errno
	for _, size := range cpusetSizes {
		_, _, e = unix.Syscall6(trap, cpuLevelWhich, cpuWhichPID, uintptr(pid), size, uintptr(unsafe.Pointer(&mask[0])), 0)
		if e != unix.ERANGE {
			break
		}
	}
	if e != 0 {
		return e
	}
	return nil
}

func setAffinityOS(t Target, cpus []int, _ Options) (Result, error) {
	var mask [maxCPUs / 64]uint64
	for _, c := range cpus {
		mask[c/64] |= 1 << (c % 64)
	}
	if _, err := lookupBSD(t); err != nil {
		return Result{Path: PathUnknown}, err
	}
	if err := cpusetCall(unix.SYS_CPUSET_SETAFFINITY, t.PID, &mask); err != nil {
		return Result{Path: PathKill}, kernelErr("set the CPU affinity of", t, err)
	}
	if _, err := lookupBSD(t); err != nil {
		return Result{Path: PathKill}, fmt.Errorf("set the CPU affinity: the target changed during the call: %w", err)
	}
	return Result{Path: PathKill}, nil
}

func affinityOS(t Target, _ Options) ([]int, error) {
	var mask [maxCPUs / 64]uint64
	if _, err := lookupBSD(t); err != nil {
		return nil, err
	}
	if err := cpusetCall(unix.SYS_CPUSET_GETAFFINITY, t.PID, &mask); err != nil {
		return nil, kernelErr("read the CPU affinity of", t, err)
	}
	if _, err := lookupBSD(t); err != nil {
		return nil, err
	}
	var cpus []int
	for c := range maxCPUs {
		if mask[c/64]&(1<<(c%64)) != 0 {
			cpus = append(cpus, c)
		}
	}
	return cpus, nil
}
