package procfs

//go:generate go run gensysnames.go

import (
	"fmt"
	"strconv"
	"strings"
)

// SyscallState says what /proc/PID/syscall found the task doing.
type SyscallState uint8

const (
	SyscallIn      SyscallState = iota // blocked in the system call Nr
	SyscallRunning                     // on a CPU or runnable ("running")
	SyscallBlocked                     // blocked outside a system call ("-1": a fault, a stop)
)

// Syscall is /proc/PID/syscall (or task/TID/syscall): the system call a task is
// blocked in, read without stopping or tracing it.
type Syscall struct {
	State SyscallState
	Nr    int64     // system call number, as the kernel's arch numbers them
	Args  [6]uint64 // its arguments
	SP    uint64    // user stack pointer; 0 when running
	PC    uint64    // user program counter; 0 when running
}

// ParseSyscall parses "running", "-1 SP PC" or "NR ARG1 … ARG6 SP PC" (the
// arguments and addresses in hex with 0x).
func ParseSyscall(b []byte) (Syscall, error) {
	f := strings.Fields(string(b))
	if len(f) == 1 && f[0] == "running" {
		return Syscall{State: SyscallRunning, Nr: -1}, nil
	}
	bad := fmt.Errorf("syscall %q: %w", clip(b), ErrMalformed)
	if len(f) != 3 && len(f) != 9 {
		return Syscall{}, bad
	}
	nr, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || nr < -1 || (len(f) == 3) != (nr == -1) { // the kernel writes -1 or a call number
		return Syscall{}, bad
	}
	var v [8]uint64
	for i, s := range f[1:] {
		if v[i], err = strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64); err != nil || !strings.HasPrefix(s, "0x") {
			return Syscall{}, bad
		}
	}
	if nr == -1 {
		return Syscall{State: SyscallBlocked, Nr: -1, SP: v[0], PC: v[1]}, nil
	}
	return Syscall{State: SyscallIn, Nr: nr, Args: [6]uint64(v[:6]), SP: v[6], PC: v[7]}, nil
}

// SyscallName names system call nr on a GOARCH ("amd64", "arm64"), or returns
// "" for a number or arch without a name here. The tables are generated from
// golang.org/x/sys/unix (go generate).
func SyscallName(arch string, nr int64) string {
	var table []string
	switch arch {
	case "amd64":
		table = sysnamesAMD64[:]
	case "arm64":
		table = sysnamesARM64[:]
	}
	if nr < 0 || nr >= int64(len(table)) {
		return ""
	}
	return table[nr]
}

// ParseWchan parses /proc/PID/wchan: the kernel function a sleeping task waits
// in, "" when it is not waiting (the file says "0") or the kernel hides it.
func ParseWchan(b []byte) string {
	s := strings.TrimSpace(string(b))
	if s == "0" {
		return ""
	}
	return s
}

// ParseStack parses /proc/PID/stack ("[<0>] do_wait+0x5e/0x80" a line) into its
// frames, innermost first, without the hidden addresses.
func ParseStack(b []byte) []string {
	var out []string
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSpace(line)
		if _, frame, ok := strings.Cut(line, "] "); ok && strings.HasPrefix(line, "[") {
			line = frame
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// clip is the start of b for an error message.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
