package sysctl

import "encoding/binary"

// The scheduler states of a kinfo_proc record (p_stat on macOS, ki_stat on
// FreeBSD; sys/proc.h of both). SWAIT and SLOCK exist on FreeBSD only.
const (
	SIDL   = 1 // being created by fork
	SRUN   = 2 // runnable (macOS: any live process; see DarwinState)
	SSLEEP = 3 // sleeping on an address
	SSTOP  = 4 // stopped (signal or debugger)
	SZOMB  = 5 // exited, not yet reaped by its parent
	SWAIT  = 6 // FreeBSD: an interrupt thread waiting for work
	SLOCK  = 7 // FreeBSD: blocked on a lock
)

// NoDev is the TDev of a process without a controlling terminal (NODEV).
const NoDev = ^uint64(0)

// CommMax is the longest command name either layout holds (FreeBSD ki_comm is
// COMMLEN+1 = 20 bytes, macOS p_comm MAXCOMLEN+1 = 17).
const CommMax = 20

// TDNameMax is the longest FreeBSD thread name: ki_tdname (16) + ki_moretdname (3).
const TDNameMax = 19

// KinfoProc is the part of one kernel kinfo_proc record that pidtop uses, decoded
// from either OS's layout by DecodeDarwinProc or DecodeFreeBSDProc. Fields marked
// FreeBSD are zero in macOS records, which carry no usage figures (those come
// from ReadTaskInfo).
type KinfoProc struct {
	PID      int32  // process ID (p_pid, ki_pid)
	PPID     int32  // parent PID (e_ppid, ki_ppid); 0 for the roots
	PGID     int32  // process group (e_pgid, ki_pgid)
	SID      int32  // FreeBSD: session ID (ki_sid); macOS records have none
	TID      int32  // FreeBSD: thread ID (ki_tid), for records read with threads
	RUID     uint32 // real user ID (p_ruid, ki_ruid)
	EUID     uint32 // effective user ID (cr_uid, ki_uid)
	Stat     uint8  // scheduler state, one of SIDL..SLOCK
	Nice     int8   // nice value, -20..20 (p_nice, ki_nice)
	Kernel   bool   // a kernel process (macOS P_SYSTEM, FreeBSD P_KPROC)
	Priority int32  // macOS p_priority; FreeBSD ki_pri.pri_level (0..255, lower runs first)
	TDev     uint64 // controlling terminal's device number, NoDev when none
	TPGID    int32  // foreground process group of that terminal (e_tpgid, ki_tpgid); -1 when none
	// StartSec and StartUsec are the start time (p_starttime, ki_start), seconds
	// and microseconds since the Unix epoch.
	StartSec  int64
	StartUsec int64

	VSize     uint64 // FreeBSD: virtual size in bytes (ki_size)
	RSSPages  int64  // FreeBSD: resident set in pages (ki_rssize)
	UTimeUsec uint64 // FreeBSD: user CPU time in microseconds (ki_rusage.ru_utime)
	STimeUsec uint64 // FreeBSD: system CPU time in microseconds (ki_rusage.ru_stime)
	MinFlt    int64  // FreeBSD: page faults served without I/O (ru_minflt)
	MajFlt    int64  // FreeBSD: page faults that needed I/O (ru_majflt)
	CtxtSw    int64  // FreeBSD: context switches, voluntary and not (ru_nvcsw + ru_nivcsw)
	Threads   int32  // FreeBSD: threads in the process (ki_numthreads)
	LastCPU   int32  // FreeBSD: CPU the thread last ran on (ki_lastcpu)
	SlpTime   uint32 // FreeBSD: seconds since the thread went to sleep (ki_slptime)
	TDFlags   int64  // FreeBSD: the thread's TDF_* flags (ki_tdflags)
	// FreeBSD: the waited-for children's CPU times in microseconds and page
	// faults (ki_rusage_ch), what Linux's stat calls cutime, cstime, cminflt,
	// cmajflt.
	ChildUTimeUsec, ChildSTimeUsec uint64
	ChildMinFlt, ChildMajFlt       int64

	comm    [CommMax]byte
	commLen uint8
	tdname  [TDNameMax]byte
	tdLen   uint8
}

// Comm returns the command name; the bytes alias k, copy them to keep them.
func (k *KinfoProc) Comm() []byte { return k.comm[:k.commLen] }

// ThreadName returns the FreeBSD thread name (empty for macOS records); the bytes
// alias k.
func (k *KinfoProc) ThreadName() []byte { return k.tdname[:k.tdLen] }

// StartMicros is the start time in microseconds since the Unix epoch: with the
// PID, the process's identity. A negative time (never written by a kernel) is 0.
func (k *KinfoProc) StartMicros() uint64 {
	if k.StartSec < 0 || k.StartUsec < 0 {
		return 0
	}
	return uint64(k.StartSec)*1_000_000 + uint64(k.StartUsec)
}

// tdfSintr is TDF_SINTR: the thread's sleep can be interrupted by a signal.
const tdfSintr = 0x8

// maxSlp is MAXSLP: a sleep longer than this many seconds makes ps say 'I'.
const maxSlp = 20

// FreeBSDState returns the state letter ps(1) prints for a FreeBSD record: R for
// runnable (and SIDL), S for an interruptible sleep (I when longer than 20 s), D
// for an uninterruptible one, T stopped, Z zombie, W waiting interrupt thread,
// L blocked on a lock, '?' for anything else.
func (k *KinfoProc) FreeBSDState() byte {
	switch k.Stat {
	case SRUN, SIDL:
		return 'R'
	case SSLEEP:
		if k.TDFlags&tdfSintr == 0 {
			return 'D'
		}
		if k.SlpTime >= maxSlp {
			return 'I'
		}
		return 'S'
	case SSTOP:
		return 'T'
	case SZOMB:
		return 'Z'
	case SWAIT:
		return 'W'
	case SLOCK:
		return 'L'
	}
	return '?'
}

// DarwinState returns the state letter of a macOS record. macOS keeps p_stat at
// SRUN for every live process, so whether it runs comes from its task: running is
// pti_numrunning from ReadTaskInfo (threads on a CPU or ready), or negative when
// that could not be read, which makes a live process '?'.
func (k *KinfoProc) DarwinState(running int32) byte {
	switch k.Stat {
	case SRUN:
		switch {
		case running > 0:
			return 'R'
		case running == 0:
			return 'S'
		}
		return '?'
	case SIDL:
		return 'R'
	case SSLEEP:
		return 'S'
	case SSTOP:
		return 'T'
	case SZOMB:
		return 'Z'
	}
	return '?'
}

// cstr copies the NUL-terminated string at the start of src into dst and returns
// its length: the whole of src when it holds no NUL (a hostile or full name).
func cstr(dst, src []byte) uint8 {
	n := 0
	for n < len(src) && n < len(dst) && src[n] != 0 {
		dst[n] = src[n]
		n++
	}
	return uint8(n)
}

// Little-endian readers at a byte offset; the callers check the length first.
func u32(b []byte, off int) uint32 { return binary.LittleEndian.Uint32(b[off:]) }
func u64(b []byte, off int) uint64 { return binary.LittleEndian.Uint64(b[off:]) }
func i32(b []byte, off int) int32  { return int32(u32(b, off)) }
func i64(b []byte, off int) int64  { return int64(u64(b, off)) }

// foreground is a record's foreground process group as Linux's stat gives it:
// -1 without a terminal, or when the terminal has none (both kernels zero the
// field then, or write NO_PID, which is above PID_MAX, 99999).
func foreground(tdev uint64, tpgid int32) int32 {
	if tdev == NoDev || tpgid <= 0 || tpgid > 99999 {
		return -1
	}
	return tpgid
}
