package procfs

import (
	"fmt"
	"strconv"
	"strings"
)

// Lock is one line of /proc/locks.
type Lock struct {
	ID      int64
	Blocked bool   // "->": a request waiting for the lock of the line above
	Class   string // FLOCK, POSIX, OFDLCK, LEASE, DELEG, …
	Mode    string // ADVISORY, MANDATORY; for leases ACTIVE, BREAKING, BREAKER
	Access  string // READ, WRITE, UNLCK
	// PID is the process that took the lock (for FLOCK the one that called
	// flock; its children share the lock), -1 for an open file description
	// lock (OFDLCK), which no process owns.
	PID          int64
	Major, Minor uint32 // device of the locked file
	Inode        uint64
	Start        uint64 // first byte locked
	End          uint64 // last byte locked; meaningless when ToEOF
	ToEOF        bool   // the lock runs to the end of the file ("EOF")
}

// ParseLocks parses /proc/locks. A line that does not parse is passed over (a
// future kernel's new class of lock must not hide the others); a file with lines
// but no lock at all is malformed.
func ParseLocks(b []byte) ([]Lock, error) { return parseLines(b, 0, "lock", parseLockLine) }

// parseLines parses each line of b (its newline cut) with parse, passing over
// the lines parse rejects: a kernel may write a line we do not know (a new
// kind of lock, a path with a newline in it). A file with more than header
// lines and no record at all is not the file we expected: ErrMalformed.
func parseLines[T any](b []byte, header int, what string, parse func(string) (T, bool)) ([]T, error) {
	var out []T
	lines := 0
	for line := range strings.Lines(string(b)) {
		lines++
		if v, ok := parse(strings.TrimSuffix(line, "\n")); ok {
			out = append(out, v)
		}
	}
	if len(out) == 0 && lines > header {
		return nil, fmt.Errorf("no %s in %d lines: %w", what, lines, ErrMalformed)
	}
	return out, nil
}

// parseLockLine parses "1: [-> ]POSIX  ADVISORY  WRITE 123 fe:00:3284993 0 EOF".
func parseLockLine(line string) (Lock, bool) {
	f := strings.Fields(line)
	var l Lock
	if len(f) > 1 && f[1] == "->" {
		l.Blocked = true
		f = append(f[:1], f[2:]...)
	}
	if len(f) != 8 || !strings.HasSuffix(f[0], ":") {
		return Lock{}, false
	}
	id, err1 := strconv.ParseInt(strings.TrimSuffix(f[0], ":"), 10, 64)
	pid, err2 := strconv.ParseInt(f[4], 10, 64)
	dev := strings.Split(f[5], ":")
	start, err3 := strconv.ParseUint(f[6], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || len(dev) != 3 {
		return Lock{}, false
	}
	maj, err1 := strconv.ParseUint(dev[0], 16, 32)
	min, err2 := strconv.ParseUint(dev[1], 16, 32)
	ino, err3 := strconv.ParseUint(dev[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return Lock{}, false
	}
	l.ID, l.Class, l.Mode, l.Access, l.PID = id, f[1], f[2], f[3], pid
	l.Major, l.Minor, l.Inode, l.Start = uint32(maj), uint32(min), ino, start
	if f[7] == "EOF" {
		l.ToEOF = true
	} else if l.End, err1 = strconv.ParseUint(f[7], 10, 64); err1 != nil {
		return Lock{}, false
	}
	return l, true
}
