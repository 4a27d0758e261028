package sysctl

import "fmt"

// TaskInfoSize is sizeof(struct proc_taskinfo) (sys/proc_info.h), what
// proc_pidinfo(PROC_PIDTASKINFO) fills.
const TaskInfoSize = 96

// TaskInfo is macOS's struct proc_taskinfo: the Mach task behind a process.
type TaskInfo struct {
	VirtualSize  uint64 // pti_virtual_size, bytes
	ResidentSize uint64 // pti_resident_size, bytes
	TotalUser    uint64 // pti_total_user: user time of live and dead threads, Mach absolute time units
	TotalSystem  uint64 // pti_total_system, Mach absolute time units
	Faults       int32  // pti_faults: page faults
	Pageins      int32  // pti_pageins: faults that read a page in
	ContextSw    int32  // pti_csw: context switches of live and dead threads
	Threads      int32  // pti_threadnum
	Running      int32  // pti_numrunning: threads running or ready to run
	Priority     int32  // pti_priority: the task's Mach base priority (31 by default)
}

// DecodeTaskInfo decodes a proc_taskinfo buffer into t.
func DecodeTaskInfo(b []byte, t *TaskInfo) error {
	if len(b) < TaskInfoSize {
		return fmt.Errorf("proc_taskinfo of %d bytes, want %d: %w", len(b), TaskInfoSize, ErrMalformed)
	}
	*t = TaskInfo{
		VirtualSize:  u64(b, 0),
		ResidentSize: u64(b, 8),
		TotalUser:    u64(b, 16),
		TotalSystem:  u64(b, 24),
		// 32, 40: pti_threads_user, pti_threads_system; 48: pti_policy
		Faults:  i32(b, 52),
		Pageins: i32(b, 56),
		// 60..79: cow faults, messages sent and received, Mach and Unix syscalls
		ContextSw: i32(b, 80),
		Threads:   i32(b, 84),
		Running:   i32(b, 88),
		Priority:  i32(b, 92),
	}
	return nil
}

// RusageInfoV2Size is sizeof(struct rusage_info_v2) (sys/resource.h), what
// proc_pid_rusage(RUSAGE_INFO_V2) fills.
const RusageInfoV2Size = 160

// RusageInfo is the part of macOS's struct rusage_info_v2 pidtop uses.
type RusageInfo struct {
	DiskRead    uint64 // ri_diskio_bytesread: bytes read from storage, whole life
	DiskWritten uint64 // ri_diskio_byteswritten
	// The waited-for children's CPU times, in Mach absolute time units like
	// proc_taskinfo's (ri_child_user_time, ri_child_system_time), and their
	// page-ins, which the task info's pageins are for the process itself.
	ChildUser, ChildSystem, ChildPageins uint64
}

// DecodeRusageInfo decodes a rusage_info_v2 buffer into r.
func DecodeRusageInfo(b []byte, r *RusageInfo) error {
	if len(b) < RusageInfoV2Size {
		return fmt.Errorf("rusage_info_v2 of %d bytes, want %d: %w", len(b), RusageInfoV2Size, ErrMalformed)
	}
	// ri_uuid[16], then 16 uint64 counters up to ri_child_elapsed_abstime.
	r.ChildUser = u64(b, 96)
	r.ChildSystem = u64(b, 104)
	r.ChildPageins = u64(b, 128)
	r.DiskRead = u64(b, 144)
	r.DiskWritten = u64(b, 152)
	return nil
}
