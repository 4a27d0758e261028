package main

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// errFormat is returned (wrapped) when a /proc file is not in the kernel's format.
var errFormat = errors.New("unexpected /proc format")

// schedstatNS returns the first field of /proc/PID/task/TID/schedstat: the time
// the thread has spent on a CPU, in nanoseconds.
func schedstatNS(b []byte) (uint64, error) {
	f := bytes.Fields(b)
	if len(f) < 1 {
		return 0, fmt.Errorf("schedstat %q: %w", b, errFormat)
	}
	return strconv.ParseUint(string(f[0]), 10, 64)
}

// statusFigures are the lines procmon needs from /proc/PID/status.
type statusFigures struct {
	VolCS   uint64 // voluntary_ctxt_switches: the thread blocked (a wakeup follows)
	InvolCS uint64 // nonvoluntary_ctxt_switches: the thread was preempted
	RSSKiB  uint64 // VmRSS, in KiB (absent for a kernel thread)
}

// parseStatus picks the context switch counters and VmRSS out of a status file.
func parseStatus(b []byte) (statusFigures, error) {
	var s statusFigures
	seen := 0
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		key, val, ok := bytes.Cut(line, []byte{':'})
		if !ok {
			continue
		}
		var dst *uint64
		switch string(key) {
		case "voluntary_ctxt_switches":
			dst = &s.VolCS
		case "nonvoluntary_ctxt_switches":
			dst = &s.InvolCS
		case "VmRSS":
			dst = &s.RSSKiB
		default:
			continue
		}
		f := bytes.Fields(val)
		if len(f) == 0 {
			return s, fmt.Errorf("status line %q: %w", line, errFormat)
		}
		v, err := strconv.ParseUint(string(f[0]), 10, 64)
		if err != nil {
			return s, fmt.Errorf("status line %q: %w", line, err)
		}
		*dst = v
		seen++
	}
	if seen < 2 {
		return s, fmt.Errorf("status without ctxt_switches lines: %w", errFormat)
	}
	return s, nil
}

// statCPUTicks returns utime+stime (fields 14 and 15) of /proc/PID/stat in clock
// ticks. For a process they include threads that have already exited.
func statCPUTicks(b []byte) (uint64, error) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("stat without ')': %w", errFormat)
	}
	f := bytes.Fields(b[i+1:]) // f[0] is field 3 (state)
	if len(f) < 13 {
		return 0, fmt.Errorf("stat with %d fields after comm: %w", len(f), errFormat)
	}
	u, err1 := strconv.ParseUint(string(f[11]), 10, 64)
	s, err2 := strconv.ParseUint(string(f[12]), 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("stat utime/stime: %w", err)
	}
	return u + s, nil
}

// ioSyscr returns the syscr line of /proc/PID/io: read-type syscalls made so far
// (read, pread64, readv, ...), over all threads, dead ones included.
func ioSyscr(b []byte) (uint64, error) {
	for _, line := range bytes.Split(b, []byte{'\n'}) {
		if v, ok := bytes.CutPrefix(line, []byte("syscr:")); ok {
			return strconv.ParseUint(string(bytes.TrimSpace(v)), 10, 64)
		}
	}
	return 0, fmt.Errorf("io without syscr: %w", errFormat)
}
