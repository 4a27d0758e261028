package sysctl

import "fmt"

// DarwinKinfoProcSize is sizeof(struct kinfo_proc) on 64-bit macOS (amd64 and
// arm64 share the layout): golang.org/x/sys/unix.SizeofKinfoProc.
const DarwinKinfoProcSize = 648

// Byte offsets in the macOS kinfo_proc, which is struct extern_proc (kp_proc)
// followed by struct eproc (kp_eproc), both from sys/sysctl.h and sys/proc.h.
// They are the offsets of golang.org/x/sys/unix.KinfoProc (cgo -godefs output);
// offsets_darwin.go checks them against that type at compile time.
const (
	macStartSec  = 0   // kp_proc.p_starttime.tv_sec (int64)
	macStartUsec = 8   // kp_proc.p_starttime.tv_usec (int32)
	macFlag      = 32  // kp_proc.p_flag (int32)
	macStat      = 36  // kp_proc.p_stat (char)
	macPID       = 40  // kp_proc.p_pid (int32)
	macPriority  = 240 // kp_proc.p_priority (u_char)
	macNice      = 242 // kp_proc.p_nice (char)
	macComm      = 243 // kp_proc.p_comm[MAXCOMLEN+1]
	macCommLen   = 17
	macRUID      = 392 // kp_eproc.e_pcred.p_ruid (uint32)
	macEUID      = 420 // kp_eproc.e_ucred.cr_uid (uint32)
	macPPID      = 560 // kp_eproc.e_ppid (int32)
	macPGID      = 564 // kp_eproc.e_pgid (int32)
	macTDev      = 572 // kp_eproc.e_tdev (int32 dev_t; -1 is NODEV)
	macTPGID     = 576 // kp_eproc.e_tpgid (int32)
)

// macPSystem is P_SYSTEM in p_flag: the kernel's own process (kernel_task).
const macPSystem = 0x200

// DecodeDarwinProc decodes one macOS kinfo_proc record at the start of b into k.
// It reads only inside the record: a comm without a NUL ends at its array's end.
func DecodeDarwinProc(b []byte, k *KinfoProc) error {
	if len(b) < DarwinKinfoProcSize {
		return fmt.Errorf("macOS kinfo_proc of %d bytes, want %d: %w", len(b), DarwinKinfoProcSize, ErrMalformed)
	}
	*k = KinfoProc{
		PID:       i32(b, macPID),
		PPID:      i32(b, macPPID),
		PGID:      i32(b, macPGID),
		RUID:      u32(b, macRUID),
		EUID:      u32(b, macEUID),
		Stat:      b[macStat],
		Nice:      int8(b[macNice]),
		Kernel:    u32(b, macFlag)&macPSystem != 0,
		Priority:  int32(b[macPriority]),
		TDev:      NoDev,
		StartSec:  i64(b, macStartSec),
		StartUsec: int64(i32(b, macStartUsec)),
	}
	if d := i32(b, macTDev); d != -1 {
		k.TDev = uint64(uint32(d))
	}
	k.TPGID = foreground(k.TDev, i32(b, macTPGID))
	k.commLen = cstr(k.comm[:], b[macComm:macComm+macCommLen])
	return nil
}

// DecodeDarwinProcs decodes a kern.proc.all buffer (records back to back) into
// dst, reusing its storage, and returns it. Trailing bytes shorter than a record
// are an error, but the whole records before them are returned.
func DecodeDarwinProcs(b []byte, dst []KinfoProc) ([]KinfoProc, error) {
	return decodeRecords(b, DarwinKinfoProcSize, dst, DecodeDarwinProc)
}

// decodeRecords walks a buffer of size-byte records, decoding each into dst
// (reused) until the first bad one, whose error it returns with the records
// before it.
func decodeRecords(b []byte, size int, dst []KinfoProc, decode func([]byte, *KinfoProc) error) ([]KinfoProc, error) {
	dst = dst[:0]
	for len(b) > 0 {
		if len(b) < size {
			return dst, fmt.Errorf("%d bytes after the last whole record: %w", len(b), ErrMalformed)
		}
		dst = append(dst, KinfoProc{})
		if err := decode(b, &dst[len(dst)-1]); err != nil {
			return dst[:len(dst)-1], err
		}
		b = b[size:]
	}
	return dst, nil
}
