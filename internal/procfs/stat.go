package procfs

import (
	"bytes"
	"fmt"
)

// CommMax is the longest comm the kernel writes in stat (kernel threads such as
// kworkers may exceed the 15 bytes of TASK_COMM_LEN there).
const CommMax = 64

// Stat is /proc/PID/stat (and /proc/PID/task/TID/stat), see proc_pid_stat(5).
// Times are in clock ticks (USER_HZ, see ClockTicks), sizes as noted.
type Stat struct {
	PID     int32         // (1) process ID
	comm    [CommMax]byte // (2) filename of the executable, parentheses stripped
	commLen uint8
	State   byte   // (3) R S D Z T t W X x K P I
	PPID    int32  // (4) parent PID
	PGRP    int32  // (5) process group ID
	Session int32  // (6) session ID
	TTYNr   uint32 // (7) controlling terminal: major in bits 15..8, minor in 31..20 and 7..0
	TPGID   int32  // (8) foreground process group of the terminal
	Flags   uint32 // (9) kernel flags word (PF_*)
	MinFlt  uint64 // (10) minor faults
	CMinFlt uint64 // (11) minor faults of waited-for children
	MajFlt  uint64 // (12) major faults
	CMajFlt uint64 // (13) major faults of waited-for children
	UTime   uint64 // (14) user-mode time, clock ticks
	STime   uint64 // (15) kernel-mode time, clock ticks
	CUTime  int64  // (16) waited-for children's user time, clock ticks
	CSTime  int64  // (17) waited-for children's kernel time, clock ticks
	// Priority (18) is the kernel's priority: for normal tasks nice+20, for
	// real-time tasks -(rt_priority+1).
	Priority   int32
	Nice       int32  // (19) -20..19
	NumThreads int32  // (20) threads in this process
	StartTime  uint64 // (22) start time after boot, clock ticks
	VSize      uint64 // (23) virtual memory size, bytes
	RSS        int64  // (24) resident set size, pages
	Processor  int32  // (39) CPU last executed on
	RTPriority uint32 // (40) real-time priority, 0 for normal policies
	Policy     uint32 // (41) scheduling policy (SCHED_*)
	// ExitCode (52) is the thread's exit status in waitpid(2) form, read only for a
	// zombie; the kernel shows it only to readers allowed to trace the process.
	ExitCode int32
}

// PFKthread is the flags bit of a kernel thread (PF_KTHREAD).
const PFKthread = 0x00200000

// Comm returns the comm field as bytes that alias s; copy them to keep them.
func (s *Stat) Comm() []byte { return s.comm[:s.commLen] }

// IsKernelThread reports whether the task is a kernel thread.
func (s *Stat) IsKernelThread() bool { return s.Flags&PFKthread != 0 }

// ParseStat parses the contents of /proc/PID/stat into s without allocating. The
// comm field may hold spaces, parentheses and any byte, so it is taken as
// everything between the first '(' and the last ')'.
func ParseStat(b []byte, s *Stat) error {
	open := bytes.IndexByte(b, '(')
	closeP := bytes.LastIndexByte(b, ')')
	if open < 1 || closeP < open {
		return fmt.Errorf("stat: no (comm): %w", ErrMalformed)
	}
	pid, ok := parseInt(bytes.TrimSpace(b[:open]))
	if !ok || pid < 0 || pid > 1<<31-1 {
		return fmt.Errorf("stat: bad pid: %w", ErrMalformed)
	}
	s.PID = int32(pid)
	s.commLen = uint8(copy(s.comm[:], b[open+1:closeP]))

	sc := fieldScanner{b: b[closeP+1:]}
	st := sc.next()
	if len(st) != 1 {
		return fmt.Errorf("stat: bad state: %w", ErrMalformed)
	}
	s.State = st[0]
	s.PPID = int32(sc.i64())
	s.PGRP = int32(sc.i64())
	s.Session = int32(sc.i64())
	s.TTYNr = uint32(sc.i64())
	s.TPGID = int32(sc.i64())
	s.Flags = uint32(sc.u64())
	s.MinFlt = sc.u64()
	s.CMinFlt = sc.u64()
	s.MajFlt = sc.u64()
	s.CMajFlt = sc.u64()
	s.UTime = sc.u64()
	s.STime = sc.u64()
	s.CUTime = sc.i64()
	s.CSTime = sc.i64()
	s.Priority = int32(sc.i64())
	s.Nice = int32(sc.i64())
	s.NumThreads = int32(sc.i64())
	sc.skip(1) // itrealvalue
	s.StartTime = sc.u64()
	s.VSize = sc.u64()
	s.RSS = sc.i64()
	if sc.bad {
		return fmt.Errorf("stat: short or bad fields: %w", ErrMalformed)
	}
	// Fields 25..41 exist on every kernel since 2.6; read the ones we use but
	// tolerate their absence (older or synthetic files).
	sc.skip(14) // rsslim .. exit_signal (25..38)
	if sc.bad {
		s.Processor, s.RTPriority, s.Policy, s.ExitCode = 0, 0, 0, 0
		return nil
	}
	s.Processor = int32(sc.i64())
	s.RTPriority = uint32(sc.u64())
	s.Policy = uint32(sc.u64())
	if sc.bad {
		s.Processor, s.RTPriority, s.Policy = 0, 0, 0
		return nil
	}
	s.ExitCode = 0
	if s.State != 'Z' && s.State != 'X' {
		// The exit status means something only once the task has exited; the
		// ten fields before it (addresses, mostly) are a fifth of the line.
		return nil
	}
	sc.skip(10) // delayacct_blkio_ticks .. env_end (42..51), since Linux 3.5
	s.ExitCode = int32(sc.i64())
	if sc.bad {
		s.ExitCode = 0
	}
	return nil
}
