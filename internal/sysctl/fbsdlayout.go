package sysctl

import "fmt"

// FreeBSDKinfoProcSize is KINFO_PROC_SIZE on 64-bit FreeBSD (amd64, arm64,
// riscv64, powerpc64le): every record starts with ki_structsize holding it.
const FreeBSDKinfoProcSize = 1088

// Byte offsets in FreeBSD's struct kinfo_proc (sys/user.h, FreeBSD 12 and later)
// on LP64: pointers and longs are 8 bytes, struct timeval is 16, struct rusage
// 144. golang.org/x/sys has no such type; fbsdlayout_test.go rebuilds the struct
// field by field and checks every offset here and the total size.
const (
	fbsdStructSize = 0   // ki_structsize (int)
	fbsdPID        = 72  // ki_pid
	fbsdPPID       = 76  // ki_ppid
	fbsdPGID       = 80  // ki_pgid
	fbsdTPGID      = 84  // ki_tpgid
	fbsdSID        = 88  // ki_sid
	fbsdEUID       = 168 // ki_uid (effective)
	fbsdRUID       = 172 // ki_ruid
	fbsdSize       = 256 // ki_size (vm_size_t, bytes)
	fbsdRSSize     = 264 // ki_rssize (segsz_t, pages)
	fbsdSlpTime    = 316 // ki_slptime (u_int, seconds)
	fbsdStartSec   = 336 // ki_start.tv_sec
	fbsdStartUsec  = 344 // ki_start.tv_usec
	fbsdFlag       = 368 // ki_flag (long, P_* flags)
	fbsdStat       = 388 // ki_stat (char)
	fbsdNice       = 389 // ki_nice (signed char)
	fbsdTDName     = 394 // ki_tdname[TDNAMLEN+1]
	fbsdTDNameLen  = 17
	fbsdComm       = 447 // ki_comm[COMMLEN+1]
	fbsdCommLen    = 20
	fbsdMoreTDName = 502 // ki_moretdname[MAXCOMLEN-TDNAMLEN+1]
	fbsdMoreTDLen  = 4
	fbsdTDev       = 560  // ki_tdev (uint64 dev_t; NODEV is all ones)
	fbsdLastCPU    = 572  // ki_lastcpu (int)
	fbsdNumThreads = 596  // ki_numthreads
	fbsdTID        = 600  // ki_tid (lwpid_t)
	fbsdPriLevel   = 605  // ki_pri.pri_level (u_char)
	fbsdUTime      = 608  // ki_rusage.ru_utime (struct timeval)
	fbsdSTime      = 624  // ki_rusage.ru_stime
	fbsdMinFlt     = 672  // ki_rusage.ru_minflt (long)
	fbsdMajFlt     = 680  // ki_rusage.ru_majflt (long)
	fbsdNVCsw      = 736  // ki_rusage.ru_nvcsw (long): voluntary context switches
	fbsdNIVCsw     = 744  // ki_rusage.ru_nivcsw (long): involuntary context switches
	fbsdChUTime    = 752  // ki_rusage_ch.ru_utime: the waited-for children's (ki_childutime)
	fbsdChSTime    = 768  // ki_rusage_ch.ru_stime (ki_childstime)
	fbsdChMinFlt   = 816  // ki_rusage_ch.ru_minflt
	fbsdChMajFlt   = 824  // ki_rusage_ch.ru_majflt
	fbsdTDFlags    = 1080 // ki_tdflags (long, TDF_* flags)
)

// fbsdPKproc is P_KPROC in ki_flag: a kernel process.
const fbsdPKproc = 0x4

// DecodeFreeBSDProc decodes one FreeBSD kinfo_proc record at the start of b into
// k. A record whose ki_structsize is not FreeBSDKinfoProcSize (a 32-bit kernel, a
// big-endian one, or a layout from the future) gives ErrLayout.
func DecodeFreeBSDProc(b []byte, k *KinfoProc) error {
	if len(b) < FreeBSDKinfoProcSize {
		return fmt.Errorf("FreeBSD kinfo_proc of %d bytes, want %d: %w", len(b), FreeBSDKinfoProcSize, ErrMalformed)
	}
	if sz := i32(b, fbsdStructSize); sz != FreeBSDKinfoProcSize {
		return fmt.Errorf("ki_structsize %d, this build decodes %d: %w", sz, FreeBSDKinfoProcSize, ErrLayout)
	}
	*k = KinfoProc{
		PID:            i32(b, fbsdPID),
		PPID:           i32(b, fbsdPPID),
		PGID:           i32(b, fbsdPGID),
		SID:            i32(b, fbsdSID),
		TID:            i32(b, fbsdTID),
		RUID:           u32(b, fbsdRUID),
		EUID:           u32(b, fbsdEUID),
		Stat:           b[fbsdStat],
		Nice:           int8(b[fbsdNice]),
		Kernel:         i64(b, fbsdFlag)&fbsdPKproc != 0,
		Priority:       int32(b[fbsdPriLevel]),
		TDev:           u64(b, fbsdTDev),
		StartSec:       i64(b, fbsdStartSec),
		StartUsec:      i64(b, fbsdStartUsec),
		VSize:          u64(b, fbsdSize),
		RSSPages:       i64(b, fbsdRSSize),
		UTimeUsec:      timevalMicros(b, fbsdUTime),
		STimeUsec:      timevalMicros(b, fbsdSTime),
		MinFlt:         i64(b, fbsdMinFlt),
		MajFlt:         i64(b, fbsdMajFlt),
		CtxtSw:         i64(b, fbsdNVCsw) + i64(b, fbsdNIVCsw),
		ChildUTimeUsec: timevalMicros(b, fbsdChUTime),
		ChildSTimeUsec: timevalMicros(b, fbsdChSTime),
		ChildMinFlt:    i64(b, fbsdChMinFlt),
		ChildMajFlt:    i64(b, fbsdChMajFlt),
		Threads:        i32(b, fbsdNumThreads),
		LastCPU:        i32(b, fbsdLastCPU),
		SlpTime:        u32(b, fbsdSlpTime),
		TDFlags:        i64(b, fbsdTDFlags),
	}
	k.TPGID = foreground(k.TDev, i32(b, fbsdTPGID))
	k.commLen = cstr(k.comm[:], b[fbsdComm:fbsdComm+fbsdCommLen])
	k.tdLen = cstr(k.tdname[:], b[fbsdTDName:fbsdTDName+fbsdTDNameLen])
	if k.tdLen == fbsdTDNameLen-1 { // the name goes on in ki_moretdname
		k.tdLen += cstr(k.tdname[k.tdLen:], b[fbsdMoreTDName:fbsdMoreTDName+fbsdMoreTDLen])
	}
	return nil
}

// DecodeFreeBSDProcs decodes a kern.proc.proc buffer into dst, reusing its
// storage. The first bad record (a foreign ki_structsize, a short tail) stops
// the walk and its error is returned with the records before it.
func DecodeFreeBSDProcs(b []byte, dst []KinfoProc) ([]KinfoProc, error) {
	return decodeRecords(b, FreeBSDKinfoProcSize, dst, DecodeFreeBSDProc)
}

// timevalMicros reads a struct timeval (two int64 on LP64) as microseconds; a
// negative part (never written by the kernel) counts as zero.
func timevalMicros(b []byte, off int) uint64 {
	sec, usec := i64(b, off), i64(b, off+8)
	if sec < 0 || usec < 0 {
		return 0
	}
	return uint64(sec)*1_000_000 + uint64(usec)
}
