package sysctl

import (
	"syscall"
	_ "unsafe" // for go:linkname
)

// libSystem functions are reached without cgo, the way golang.org/x/sys/unix
// reaches its own: each is imported with go:cgo_import_dynamic, entered through
// an assembly trampoline (libsystem_darwin.s) whose address sits in a variable
// here, and called with the runtime's syscall6, which switches to the system
// stack and reads errno when the result is -1.

//go:linkname syscall_syscall6 syscall.syscall6
func syscall_syscall6(fn, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err syscall.Errno)

var libc_sysctl_trampoline_addr uintptr

//go:cgo_import_dynamic libc_sysctl sysctl "/usr/lib/libSystem.B.dylib"

var libc_proc_pidinfo_trampoline_addr uintptr

//go:cgo_import_dynamic libc_proc_pidinfo proc_pidinfo "/usr/lib/libSystem.B.dylib"

var libc_proc_pid_rusage_trampoline_addr uintptr

//go:cgo_import_dynamic libc_proc_pid_rusage proc_pid_rusage "/usr/lib/libSystem.B.dylib"

var libc_mach_host_self_trampoline_addr uintptr

//go:cgo_import_dynamic libc_mach_host_self mach_host_self "/usr/lib/libSystem.B.dylib"

var libc_mach_task_self_trampoline_addr uintptr

//go:cgo_import_dynamic libc_mach_task_self mach_task_self "/usr/lib/libSystem.B.dylib"

var libc_host_processor_info_trampoline_addr uintptr

//go:cgo_import_dynamic libc_host_processor_info host_processor_info "/usr/lib/libSystem.B.dylib"

var libc_vm_deallocate_trampoline_addr uintptr

//go:cgo_import_dynamic libc_vm_deallocate vm_deallocate "/usr/lib/libSystem.B.dylib"

var libc_mach_timebase_info_trampoline_addr uintptr

//go:cgo_import_dynamic libc_mach_timebase_info mach_timebase_info "/usr/lib/libSystem.B.dylib"
