package sysctl

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"

	"golang.org/x/sys/unix"
)

// macOS MIB numbers and proc_info flavors (sys/sysctl.h, sys/proc_info.h).
const (
	kernProcAll     = 0        // KERN_PROC_ALL
	kernProcargs2   = 49       // KERN_PROCARGS2
	procPidTaskInfo = 4        // PROC_PIDTASKINFO
	procPidPathInfo = 11       // PROC_PIDPATHINFO
	procPidPathMax  = 4 * 1024 // PROC_PIDPATHINFO_MAXSIZE
	rusageInfoV2    = 2        // RUSAGE_INFO_V2
)

var allProcsMIB = []int32{ctlKern, kernProc, kernProcAll}

func procsMIB(bool) []int32 { return allProcsMIB }

func decodeProcs(b []byte, dst []KinfoProc) ([]KinfoProc, error) { return DecodeDarwinProcs(b, dst) }

func decodeProc(b []byte, k *KinfoProc) error { return DecodeDarwinProc(b, k) }

// ArgsReader reads command lines (kern.procargs2) and executable paths
// (proc_pidinfo PROC_PIDPATHINFO), reusing one kern.argmax-sized buffer.
type ArgsReader struct {
	buf  []byte
	path [procPidPathMax]byte
}

// Args reads pid's command line. macOS refuses another user's process, and a
// zombie, with EINVAL: that is fs.ErrPermission here unless the PID is gone.
func (r *ArgsReader) Args(pid int32) (ProcArgs, error) {
	if r.buf == nil {
		n, err := GetUint([]int32{ctlKern, kernArgmax})
		if err != nil || n == 0 || n > 64<<20 {
			n = 1 << 20
		}
		r.buf = make([]byte, n)
	}
	b, err := Get([]int32{ctlKern, kernProcargs2, pid}, r.buf)
	if cap(b) > cap(r.buf) {
		r.buf = b
	}
	if errors.Is(err, unix.EINVAL) {
		if unix.Kill(int(pid), 0) == unix.ESRCH {
			return ProcArgs{}, fmt.Errorf("kern.procargs2.%d: %w", pid, ErrNoProcess)
		}
		return ProcArgs{}, fmt.Errorf("kern.procargs2.%d: %w: %w", pid, fs.ErrPermission, err)
	}
	if err != nil {
		return ProcArgs{}, err
	}
	return ParseProcArgs2(b)
}

// Exe reads the path of pid's executable.
func (r *ArgsReader) Exe(pid int32) (string, error) {
	n, err := procPidinfo(pid, procPidPathInfo, r.path[:])
	if err != nil {
		return "", err
	}
	b := r.path[:n]
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b), nil
}

// TaskReader reads macOS per-task figures with libproc, reusing one buffer.
type TaskReader struct {
	buf [RusageInfoV2Size]byte
}

// Info reads pid's proc_taskinfo (CPU time, memory, threads). Another user's
// process gives fs.ErrPermission unless we run as root.
func (r *TaskReader) Info(pid int32, t *TaskInfo) error {
	n, err := procPidinfo(pid, procPidTaskInfo, r.buf[:TaskInfoSize])
	if err != nil {
		return err
	}
	return DecodeTaskInfo(r.buf[:n], t)
}

// Rusage reads pid's rusage_info_v2 (storage bytes read and written).
func (r *TaskReader) Rusage(pid int32, ri *RusageInfo) error {
	if err := procPidRusage(pid, rusageInfoV2, r.buf[:]); err != nil {
		return err
	}
	return DecodeRusageInfo(r.buf[:], ri)
}
