package field

import (
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// P is shorthand for the record an accessor reads.
type P = collect.Process

func i32(f func(p *P) int32) func(*P, *Env) int64 {
	return func(p *P, _ *Env) int64 { return int64(f(p)) }
}
func u64(f func(p *P) uint64) func(*P, *Env) int64 {
	return func(p *P, _ *Env) int64 { return int64(f(p)) }
}
func dur(f func(p *P) time.Duration) func(*P, *Env) int64 {
	return func(p *P, _ *Env) int64 { return int64(f(p)) }
}
func f64(f func(p *P) float64) func(*P, *Env) float64 {
	return func(p *P, _ *Env) float64 { return f(p) }
}
func str(f func(p *P) string) func(*P, *Env) string { return func(p *P, _ *Env) string { return f(p) } }
func flag(f collect.Flags) func(*P, *Env) int64 {
	return func(p *P, _ *Env) int64 {
		if p.Is(f) {
			return 1
		}
		return 0
	}
}

// started: a start time of 0 is no time (the platform knew the start token but
// not the boot time).
func started(p *P) bool { return p.StartedNs != 0 }

const (
	kPID   = collect.KnownPGID
	kStatX = collect.KnownStatExtra
)

// fields is the registry, in the order the setup screen, --help and JSON list
// them: htop's default columns first.
var fields = []Field{
	{ID: "pid", Htop: "PID", Title: "PID", Desc: "process ID (thread ID for a thread row)",
		Kind: Int, Unit: UnitID, OS: All, Int: i32(func(p *P) int32 { return p.PID })},
	{ID: "user", Htop: "USER", Title: "USER", Desc: "owner's user name (the UID when it has none)",
		Kind: Text, Unit: UnitText, OS: All, Known: collect.KnownUser, Text: str((*P).User)},
	{ID: "priority", Htop: "PRIORITY", Aliases: []string{"pri"}, Title: "PRI", Desc: "kernel scheduling priority",
		Kind: Int, Unit: UnitID, OS: All, Known: collect.KnownPriority, Fresh: true,
		Int: i32(func(p *P) int32 { return p.Priority })},
	{ID: "nice", Htop: "NICE", Aliases: []string{"ni"}, Title: "NI", Desc: "nice value, -20 (most favoured) to 19",
		Kind: Int, Unit: UnitID, OS: All, Known: collect.KnownPriority, Fresh: true,
		Int: i32(func(p *P) int32 { return p.Nice })},
	{ID: "virt_bytes", Htop: "M_VIRT", Aliases: []string{"M_SIZE", "virt"}, Title: "VIRT", Desc: "virtual memory size",
		Kind: Int, Unit: UnitBytes, OS: All, Known: collect.KnownVirt, Descending: true, Fresh: true,
		Int: u64(func(p *P) uint64 { return p.VirtBytes })},
	{ID: "res_bytes", Htop: "M_RESIDENT", Aliases: []string{"res"}, Title: "RES", Desc: "resident set size",
		Kind: Int, Unit: UnitBytes, OS: All, Known: collect.KnownRes, Needs: collect.NeedShr, Descending: true,
		Int: u64(func(p *P) uint64 { return p.ResBytes })},
	{ID: "shr_bytes", Htop: "M_SHARE", Aliases: []string{"shr"}, Title: "SHR", Desc: "resident shared (file-backed) memory",
		Kind: Int, Unit: UnitBytes, OS: Linux | Windows, Known: collect.KnownShr, Needs: collect.NeedShr,
		Descending: true, Int: u64(func(p *P) uint64 { return p.ShrBytes })},
	{ID: "state", Htop: "STATE", Aliases: []string{"s"}, Title: "S",
		Desc: "R running, S sleeping, D disk sleep, Z zombie, T stopped, t traced, I idle",
		Kind: Text, Unit: UnitText, OS: All, Known: collect.KnownState,
		Text: str(func(p *P) string { return string(rune(p.State)) })},
	{ID: "cpu_percent", Htop: "PERCENT_CPU", Aliases: []string{"cpu"}, Title: "CPU%",
		Desc: "CPU use over the last interval, 100 = one core", Kind: Float, Unit: UnitPercent, OS: All,
		Known: collect.KnownCPU, Descending: true, Float: f64(func(p *P) float64 { return p.CPUPercent })},
	{ID: "mem_percent", Htop: "PERCENT_MEM", Aliases: []string{"mem"}, Title: "MEM%",
		Desc: "resident set against total memory", Kind: Float, Unit: UnitPercent, OS: All,
		Known: collect.KnownRes, Needs: collect.NeedShr, Descending: true,
		Float: f64(func(p *P) float64 { return p.MemPercent })},
	{ID: "cpu_time_s", Htop: "TIME", Title: "TIME+", Desc: "CPU time, user plus system, whole life",
		Kind: Duration, Unit: UnitSeconds, OS: All, Known: collect.KnownCPU, Descending: true, Int: dur((*P).CPUTime)},
	{ID: "command", Htop: "Command", Title: "Command",
		Desc: "command line, or the name of a process without one (kernel threads, zombies)",
		Kind: Text, Unit: UnitText, OS: All, Needs: collect.NeedCmdline, Optional: true, Text: str(Command)},

	{ID: "start_token", Title: "STARTTOK",
		Desc: "start time in the platform's unit (Linux: clock ticks since boot); with pid, the identity",
		Kind: Int, Unit: UnitID, OS: All, Known: collect.KnownStart, Int: u64(func(p *P) uint64 { return p.Start })},
	{ID: "ppid", Htop: "PPID", Title: "PPID", Desc: "parent process ID",
		Kind: Int, Unit: UnitID, OS: All, Known: collect.KnownPPID, Fresh: true, Int: i32(func(p *P) int32 { return p.PPID })},
	{ID: "pgid", Htop: "PGRP", Title: "PGRP", Desc: "process group ID",
		Kind: Int, Unit: UnitID, OS: Unix, Known: kPID, Fresh: true, Int: i32(func(p *P) int32 { return p.PGID })},
	{ID: "sid", Htop: "SESSION", Title: "SID", Desc: "session ID",
		Kind: Int, Unit: UnitID, OS: Unix, Known: kPID, Fresh: true, Int: i32(func(p *P) int32 { return p.SID })},
	{ID: "tgid", Htop: "TGID", Title: "TGID", Desc: "thread group: the process a thread belongs to",
		Kind: Int, Unit: UnitID, OS: All, Int: i32(func(p *P) int32 { return p.TGID })},
	{ID: "uid", Htop: "ST_UID", Title: "UID", Desc: "real user ID",
		Kind: Int, Unit: UnitID, OS: Unix, Known: collect.KnownUser, Int: i32(func(p *P) int32 { return int32(p.UID()) })},
	{ID: "threads", Htop: "NLWP", Title: "NLWP", Desc: "number of threads",
		Kind: Int, Unit: UnitCount, OS: All, Known: collect.KnownThreads, Descending: true,
		Int: i32(func(p *P) int32 { return p.Threads })},
	{ID: "processor", Htop: "PROCESSOR", Title: "CPU", Desc: "CPU it last ran on",
		Kind: Int, Unit: UnitID, OS: Linux | FreeBSD, Known: collect.KnownProcessor,
		Int: i32(func(p *P) int32 { return p.Processor })},
	{ID: "tty", Htop: "TTY", Aliases: []string{"TTY_NR"}, Title: "TTY", Desc: "controlling terminal, empty when none",
		Kind: Text, Unit: UnitText, OS: Unix, Known: collect.KnownTTY, Fresh: true, Text: str(func(p *P) string { return p.TTY })},
	{ID: "tpgid", Htop: "TPGID", Title: "TPGID", Desc: "foreground process group of its terminal (-1: none)",
		Kind: Int, Unit: UnitID, OS: Unix, Known: collect.KnownTPGID, Needs: collect.NeedStatExtra, Fresh: true, Optional: true,
		Int: i32(func(p *P) int32 { return p.X().TPGID })},
	{ID: "start_time", Htop: "STARTTIME", Aliases: []string{"start"}, Title: "START", Desc: "when it started",
		Kind: Time, Unit: UnitTime, OS: All, Known: collect.KnownStart, Valid: started,
		Int: func(p *P, _ *Env) int64 { return p.StartedNs }},
	{ID: "elapsed_s", Htop: "ELAPSED", Title: "ELAPSED", Desc: "time since it started",
		Kind: Duration, Unit: UnitSeconds, OS: All, Known: collect.KnownStart, Valid: started, Descending: true,
		Int: func(p *P, e *Env) int64 { return max(e.Now.UnixNano()-p.StartedNs, 0) }},
	{ID: "user_time_s", Htop: "UTIME", Title: "UTIME+", Desc: "CPU time in user mode, whole life",
		Kind: Duration, Unit: UnitSeconds, OS: All, Known: collect.KnownCPU, Descending: true,
		Int: dur(func(p *P) time.Duration { return p.UserTime })},
	{ID: "system_time_s", Htop: "STIME", Title: "STIME+", Desc: "CPU time in kernel mode, whole life",
		Kind: Duration, Unit: UnitSeconds, OS: All, Known: collect.KnownCPU, Descending: true,
		Int: dur(func(p *P) time.Duration { return p.SystemTime })},
	{ID: "children_user_time_s", Htop: "CUTIME", Title: "CUTIME+",
		Desc: "user time of its waited-for children", Kind: Duration, Unit: UnitSeconds, OS: Unix,
		Known: kStatX, Needs: collect.NeedStatExtra, Descending: true, Optional: true,
		Int: dur(func(p *P) time.Duration { return p.X().ChildUserTime })},
	{ID: "children_system_time_s", Htop: "CSTIME", Title: "CSTIME+",
		Desc: "system time of its waited-for children", Kind: Duration, Unit: UnitSeconds, OS: Unix,
		Known: kStatX, Needs: collect.NeedStatExtra, Descending: true, Optional: true,
		Int: dur(func(p *P) time.Duration { return p.X().ChildSystemTime })},
	{ID: "cpu_norm_percent", Htop: "PERCENT_NORM_CPU", Title: "NCPU%",
		Desc: "CPU use over the last interval, 100 = every core", Kind: Float, Unit: UnitPercent, OS: All,
		Known: collect.KnownCPU, Descending: true, Optional: true,
		Float: func(p *P, e *Env) float64 { return p.CPUPercent / float64(max(e.CPUs, 1)) }},
	{ID: "minor_faults", Htop: "MINFLT", Title: "MINFLT", Desc: "minor page faults, whole life",
		Kind: Int, Unit: UnitCount, OS: All, Known: collect.KnownFaults, Descending: true,
		Int: u64(func(p *P) uint64 { return p.MinorFaults })},
	{ID: "major_faults", Htop: "MAJFLT", Title: "MAJFLT", Desc: "major page faults, whole life",
		Kind: Int, Unit: UnitCount, OS: All, Known: collect.KnownFaults, Descending: true,
		Int: u64(func(p *P) uint64 { return p.MajorFaults })},
	{ID: "children_minor_faults", Htop: "CMINFLT", Title: "CMINFLT",
		Desc: "minor page faults of its waited-for children", Kind: Int, Unit: UnitCount, OS: Linux | FreeBSD,
		Known: kStatX, Needs: collect.NeedStatExtra, Descending: true, Optional: true,
		Int: u64(func(p *P) uint64 { return p.X().ChildMinorFaults })},
	{ID: "children_major_faults", Htop: "CMAJFLT", Title: "CMAJFLT",
		Desc: "major page faults of its waited-for children", Kind: Int, Unit: UnitCount, OS: Unix,
		Known: kStatX, Needs: collect.NeedStatExtra, Descending: true, Optional: true,
		Int: u64(func(p *P) uint64 { return p.X().ChildMajorFaults })},
	{ID: "read_bytes", Htop: "RBYTES", Aliases: []string{"io_read"}, Title: "DISK READ",
		Desc: "bytes read from storage, whole life", Kind: Int, Unit: UnitBytes, OS: Linux | Darwin | Windows,
		Known: collect.KnownIO, Needs: collect.NeedIO, Descending: true, Int: u64(func(p *P) uint64 { return p.ReadBytes })},
	{ID: "write_bytes", Htop: "WBYTES", Aliases: []string{"io_write"}, Title: "DISK WRITE",
		Desc: "bytes written to storage, whole life", Kind: Int, Unit: UnitBytes, OS: Linux | Darwin | Windows,
		Known: collect.KnownIO, Needs: collect.NeedIO, Descending: true, Int: u64(func(p *P) uint64 { return p.WriteBytes })},
	{ID: "read_bytes_per_s", Htop: "IO_READ_RATE", Title: "DISK R/s",
		Desc: "storage read rate over the last interval", Kind: Float, Unit: UnitBytesPerSec, OS: Linux | Darwin | Windows,
		Known: collect.KnownIO, Needs: collect.NeedIO, Descending: true, Float: f64(func(p *P) float64 { return p.ReadBytesRate })},
	{ID: "write_bytes_per_s", Htop: "IO_WRITE_RATE", Title: "DISK W/s",
		Desc: "storage write rate over the last interval", Kind: Float, Unit: UnitBytesPerSec, OS: Linux | Darwin | Windows,
		Known: collect.KnownIO, Needs: collect.NeedIO, Descending: true, Float: f64(func(p *P) float64 { return p.WriteBytesRate })},
	{ID: "io_bytes_per_s", Htop: "IO_RATE", Title: "DISK R/W",
		Desc: "storage read and write rate over the last interval", Kind: Float, Unit: UnitBytesPerSec,
		OS: Linux | Darwin | Windows, Known: collect.KnownIO, Needs: collect.NeedIO, Descending: true, Optional: true,
		Float: f64(func(p *P) float64 { return p.ReadBytesRate + p.WriteBytesRate })},
	{ID: "rchar_bytes", Htop: "RCHAR", Title: "RCHAR",
		Desc: "bytes passed to read(2) and the like, from storage or not", Kind: Int, Unit: UnitBytes, OS: Linux,
		Known: collect.KnownIOChars, Needs: collect.NeedIOChars, Descending: true, Optional: true,
		Int: u64(func(p *P) uint64 { return p.X().ReadChars })},
	{ID: "wchar_bytes", Htop: "WCHAR", Title: "WCHAR",
		Desc: "bytes passed to write(2) and the like", Kind: Int, Unit: UnitBytes, OS: Linux,
		Known: collect.KnownIOChars, Needs: collect.NeedIOChars, Descending: true, Optional: true,
		Int: u64(func(p *P) uint64 { return p.X().WriteChars })},
	{ID: "read_syscalls", Htop: "SYSCR", Title: "RSYSC", Desc: "read(2)-like system calls, whole life",
		Kind: Int, Unit: UnitCount, OS: Linux | Windows, Known: collect.KnownIOChars, Needs: collect.NeedIOChars,
		Descending: true, Optional: true, Int: u64(func(p *P) uint64 { return p.X().ReadSyscalls })},
	{ID: "write_syscalls", Htop: "SYSCW", Title: "WSYSC", Desc: "write(2)-like system calls, whole life",
		Kind: Int, Unit: UnitCount, OS: Linux | Windows, Known: collect.KnownIOChars, Needs: collect.NeedIOChars,
		Descending: true, Optional: true, Int: u64(func(p *P) uint64 { return p.X().WriteSyscalls })},
	{ID: "ctxt_switches_per_s", Htop: "CTXT", Title: "CTXT",
		Desc: "context switches per second, voluntary and not", Kind: Float, Unit: UnitPerSec, OS: Linux | BSD,
		Known: collect.KnownCtxt, Needs: collect.NeedCtxt, Descending: true, Optional: true,
		Float: f64(func(p *P) float64 { return p.X().CtxtRate })},
	{ID: "ctxt_switches", Title: "CSWITCH", Desc: "context switches, voluntary and not, whole life",
		Kind: Int, Unit: UnitCount, OS: Linux | BSD, Known: collect.KnownCtxt, Needs: collect.NeedCtxt,
		Descending: true, Optional: true, Int: u64(func(p *P) uint64 { return p.X().CtxtSwitches })},
	{ID: "pss_bytes", Htop: "M_PSS", Title: "PSS",
		Desc: "proportional set size: shared pages split among their users", Kind: Int, Unit: UnitBytes, OS: Linux,
		Known: collect.KnownSmaps, Needs: collect.NeedSmaps, Descending: true, Optional: true,
		Int: u64(func(p *P) uint64 { return p.X().PSSBytes })},
	{ID: "swap_bytes", Htop: "M_SWAP", Title: "SWAP", Desc: "memory swapped out",
		Kind: Int, Unit: UnitBytes, OS: Linux, Known: collect.KnownSmaps, Needs: collect.NeedSmaps,
		Descending: true, Optional: true, Int: u64(func(p *P) uint64 { return p.X().SwapBytes })},
	{ID: "uss_bytes", Htop: "M_USS", Title: "USS",
		Desc: "unique set size: the memory its exit would free", Kind: Int, Unit: UnitBytes, OS: Linux,
		Known: collect.KnownSmaps, Needs: collect.NeedSmaps, Descending: true, Optional: true,
		Int: u64(func(p *P) uint64 { return p.X().USSBytes })},
	{ID: "oom_score", Htop: "OOM", Title: "OOM",
		Desc: "the OOM killer's badness score: the highest goes first", Kind: Int, Unit: UnitCount, OS: Linux,
		Known: collect.KnownOOM, Needs: collect.NeedOOM, Descending: true, Optional: true,
		Int: i32(func(p *P) int32 { return p.X().OOMScore })},
	{ID: "io_priority", Htop: "IO_PRIORITY", Title: "IO",
		Desc: "I/O priority: rt/0-7 real-time, be/0-7 best-effort, idle (none/N: from the nice value)",
		Kind: Text, Unit: UnitText, OS: Linux, Known: collect.KnownIOPrio, Needs: collect.NeedIOPrio, Fresh: true,
		Optional: true, Text: str(ioPriority)},
	{ID: "name", Htop: "COMM", Aliases: []string{"PROC_COMM"}, Title: "COMM",
		Desc: "short name (Linux: comm, at most 15 bytes)", Kind: Text, Unit: UnitText, OS: All,
		Text: str(func(p *P) string { return p.Name })},
	{ID: "cmdline", Title: "CMDLINE", Desc: "command line, arguments joined by spaces; empty for kernel threads",
		Kind: Text, Unit: UnitText, OS: All, Known: collect.KnownCmdline, Needs: collect.NeedCmdline, Text: str((*P).Cmdline)},
	{ID: "exe", Htop: "EXE", Aliases: []string{"PROC_EXE"}, Title: "EXE",
		Desc: "executable's path; \" (deleted)\" when the file is gone", Kind: Text, Unit: UnitText, OS: All,
		Known: collect.KnownExe, Needs: collect.NeedExe, Text: str((*P).Exe)},
	{ID: "cgroup", Htop: "CGROUP", Title: "CGROUP", Desc: "control group path",
		Kind: Text, Unit: UnitText, OS: Linux, Known: collect.KnownCgroup, Needs: collect.NeedCgroup, Text: str((*P).Cgroup)},
	{ID: "kernel_thread", Title: "KTHR", Desc: "a kernel thread", Kind: Bool, Unit: UnitFlag, OS: All,
		Int: flag(collect.FlagKernelThread)},
	{ID: "thread", Title: "THR", Desc: "a userland thread, not a process", Kind: Bool, Unit: UnitFlag, OS: All,
		Int: flag(collect.FlagThread)},
	{ID: "new", Title: "NEW", Desc: "first seen in this snapshot", Kind: Bool, Unit: UnitFlag, OS: All,
		Int: flag(collect.FlagNew)},
}

// Command is the text of the command field: the command line, or for a process
// without one (kernel threads, zombies) its name.
func Command(p *P) string {
	if c := p.Cmdline(); c != "" {
		return c
	}
	return p.Name
}

// ioPriority names an ioprio_get(2) value as ionice does, shortened.
func ioPriority(p *P) string {
	v := p.X().IOPrio
	class, level := v>>13, v&0x1fff
	switch class {
	case 1:
		return "rt/" + itoa(level)
	case 2:
		return "be/" + itoa(level)
	case 3:
		return "idle"
	}
	// No class set: the kernel derives best-effort from the nice value.
	return "none/" + itoa(max(min((p.Nice+20)/5, 7), 0))
}

func itoa(n int32) string {
	if n >= 0 && n < 10 {
		return string(rune('0' + n))
	}
	return "?"
}
