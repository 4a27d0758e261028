package sysctl

import (
	"errors"
	"fmt"
	"io/fs"
	"unsafe"

	"golang.org/x/sys/unix"
)

// sysctl is sysctl(3) from libSystem.
func sysctl(mib []int32, old *byte, oldlen *uintptr, new *byte, newlen uintptr) error {
	_, _, e := syscall_syscall6(libc_sysctl_trampoline_addr,
		uintptr(unsafe.Pointer(&mib[0])), uintptr(len(mib)),
		uintptr(unsafe.Pointer(old)), uintptr(unsafe.Pointer(oldlen)),
		uintptr(unsafe.Pointer(new)), newlen)
	if e != 0 {
		return e
	}
	return nil
}

// ErrNoTask: the process exists but has no Mach task to describe (a zombie, or
// a process in the middle of exec or exit).
var ErrNoTask = errors.New("the process has no task")

// procPidinfo calls proc_pidinfo(pid, flavor, 0, buf, len(buf)) and returns the
// byte count it filled. libproc returns 0 on failure and leaves the reason in an
// errno that syscall6 does not read, so the reason is asked of kill(pid, 0):
// ESRCH gives ErrNoProcess, EPERM fs.ErrPermission (macOS lets only root and the
// owner read a task), success ErrNoTask.
func procPidinfo(pid int32, flavor int, buf []byte) (int, error) {
	r, _, _ := syscall_syscall6(libc_proc_pidinfo_trampoline_addr, uintptr(pid), uintptr(flavor), 0,
		uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)), 0)
	if n := int(int32(r)); n > 0 {
		return n, nil
	}
	err := unix.Kill(int(pid), 0)
	switch {
	case errors.Is(err, unix.ESRCH):
		return 0, fmt.Errorf("proc_pidinfo(%d, %d): %w", pid, flavor, ErrNoProcess)
	case errors.Is(err, unix.EPERM):
		return 0, fmt.Errorf("proc_pidinfo(%d, %d): %w", pid, flavor, fs.ErrPermission)
	}
	return 0, fmt.Errorf("proc_pidinfo(%d, %d): %w", pid, flavor, ErrNoTask)
}

// procPidRusage calls proc_pid_rusage(pid, flavor, buf), which returns -1 and
// sets errno on failure.
func procPidRusage(pid int32, flavor int, buf []byte) error {
	_, _, e := syscall_syscall6(libc_proc_pid_rusage_trampoline_addr, uintptr(pid), uintptr(flavor),
		uintptr(unsafe.Pointer(&buf[0])), 0, 0, 0)
	switch {
	case e == 0:
		return nil
	case e == unix.ESRCH:
		return fmt.Errorf("proc_pid_rusage(%d): %w", pid, ErrNoProcess)
	}
	return fmt.Errorf("proc_pid_rusage(%d): %w", pid, e)
}

// machPort calls a function that takes nothing and returns a Mach port name
// (mach_host_self, mach_task_self). Each call adds a reference to the port, so
// callers ask once and keep the name.
func machPort(fn uintptr) uint32 {
	r, _, _ := syscall_syscall6(fn, 0, 0, 0, 0, 0, 0)
	return uint32(r)
}

// processorCPULoadInfo is PROCESSOR_CPU_LOAD_INFO (mach/processor_info.h).
const processorCPULoadInfo = 2

// hostCPULoad calls host_processor_info(host, PROCESSOR_CPU_LOAD_INFO), decodes
// the array the kernel allocated into dst and gives the array back with
// vm_deallocate(task).
func hostCPULoad(host, task uint32, dst []CPUTicks) ([]CPUTicks, error) {
	var cpus, words uint32
	var info *byte // kernel-allocated, outside the Go heap; cleared before return
	r, _, _ := syscall_syscall6(libc_host_processor_info_trampoline_addr, uintptr(host), processorCPULoadInfo,
		uintptr(unsafe.Pointer(&cpus)), uintptr(unsafe.Pointer(&info)), uintptr(unsafe.Pointer(&words)), 0)
	if kr := int32(r); kr != 0 {
		return dst[:0], fmt.Errorf("host_processor_info: kern_return_t %d", kr)
	}
	if info == nil {
		return dst[:0], fmt.Errorf("host_processor_info: no array: %w", ErrMalformed)
	}
	size := uintptr(words) * 4
	dst, err := DecodeMachCPULoad(unsafe.Slice(info, size), dst)
	syscall_syscall6(libc_vm_deallocate_trampoline_addr, uintptr(task), uintptr(unsafe.Pointer(info)), size, 0, 0, 0)
	info = nil
	if err == nil && len(dst) != int(cpus) {
		err = fmt.Errorf("host_processor_info: %d CPUs, %d records: %w", cpus, len(dst), ErrMalformed)
	}
	return dst, err
}

// MachTimebase returns mach_timebase_info: Mach absolute time units times numer
// over denom are nanoseconds (1/1 on Intel, 125/3 on Apple silicon).
func MachTimebase() (numer, denom uint32, err error) {
	var tb [2]uint32
	r, _, _ := syscall_syscall6(libc_mach_timebase_info_trampoline_addr, uintptr(unsafe.Pointer(&tb[0])), 0, 0, 0, 0, 0)
	if kr := int32(r); kr != 0 || tb[1] == 0 {
		return 0, 0, fmt.Errorf("mach_timebase_info: kern_return_t %d, %d/%d", kr, tb[0], tb[1])
	}
	return tb[0], tb[1], nil
}
