package sysctl

import (
	"bytes"
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// FreeBSD MIB numbers (sys/sysctl.h).
const (
	kernProcProc      = 8    // KERN_PROC_PROC: processes, no threads
	kernProcIncThread = 0x10 // KERN_PROC_INC_THREAD: one record per thread
	kernProcArgs      = 7    // KERN_PROC_ARGS
	kernProcPathname  = 12   // KERN_PROC_PATHNAME
	kernProcEnv       = 35   // KERN_PROC_ENV
)

var (
	procsOnlyMIB   = []int32{ctlKern, kernProc, kernProcProc}
	procThreadsMIB = []int32{ctlKern, kernProc, kernProcProc | kernProcIncThread}
)

func procsMIB(threads bool) []int32 {
	if threads {
		return procThreadsMIB
	}
	return procsOnlyMIB
}

func decodeProcs(b []byte, dst []KinfoProc) ([]KinfoProc, error) { return DecodeFreeBSDProcs(b, dst) }

func decodeProc(b []byte, k *KinfoProc) error { return DecodeFreeBSDProc(b, k) }

// ArgsReader reads command lines (kern.proc.args) and executable paths
// (kern.proc.pathname), reusing its buffers.
type ArgsReader struct {
	buf  []byte
	path []byte
}

// Args reads pid's command line; a kernel process has an empty one.
func (r *ArgsReader) Args(pid int32) (ProcArgs, error) {
	if r.buf == nil {
		r.buf = make([]byte, 4096)
	}
	b, err := Get([]int32{ctlKern, kernProc, kernProcArgs, pid}, r.buf)
	if cap(b) > cap(r.buf) {
		r.buf = b
	}
	if err != nil {
		return ProcArgs{}, wrapESRCH(pid, err)
	}
	return ParseArgs(b), nil
}

// Env reads pid's environment (kern.proc.env): NAME=value strings as the
// process's memory holds them. Another user's process's needs privilege.
func (r *ArgsReader) Env(pid int32) ([]string, error) {
	b, err := Get([]int32{ctlKern, kernProc, kernProcEnv, pid}, make([]byte, 4096))
	if err != nil {
		return nil, wrapESRCH(pid, err)
	}
	return ParseArgs(b).Argv, nil
}

// Exe reads the path of pid's executable.
func (r *ArgsReader) Exe(pid int32) (string, error) {
	if r.path == nil {
		r.path = make([]byte, 1024) // MAXPATHLEN
	}
	b, err := Get([]int32{ctlKern, kernProc, kernProcPathname, pid}, r.path)
	if cap(b) > cap(r.path) {
		r.path = b
	}
	if err != nil {
		return "", wrapESRCH(pid, err)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b), nil
}

// wrapESRCH adds ErrNoProcess to an error that says the PID is gone.
func wrapESRCH(pid int32, err error) error {
	if errors.Is(err, unix.ESRCH) {
		return fmt.Errorf("pid %d: %w: %w", pid, ErrNoProcess, err)
	}
	return err
}
