// Package sysctl reads processes and system figures on macOS and FreeBSD: one
// kern.proc sysctl for every process per tick, command lines for new processes
// (kern.procargs2 on macOS, kern.proc.args on FreeBSD), per-task CPU time and
// memory on macOS through libSystem's proc_pidinfo, and the CPU, memory, swap and
// load figures of the machine. It is the BSD counterpart of procfs.
//
// The decoders (kinfo_proc records of both layouts, procargs2 buffers,
// proc_taskinfo, cp_times, loadavg, swap records) are pure functions over bytes in
// untagged files, so their tests run on any OS; the readers that call the kernel
// live in files for darwin and freebsd. macOS calls into libSystem the way
// golang.org/x/sys does (cgo_import_dynamic, an assembly trampoline per function
// and the runtime's syscall6), so no cgo is needed.
//
// The package returns its own native records (KinfoProc, TaskInfo, SysInfo):
// collect adapts them. It must not import any other package of pidtop, format
// anything for display, or keep per-process state between calls beyond reusable
// buffers.
package sysctl
