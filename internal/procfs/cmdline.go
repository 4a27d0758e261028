package procfs

import (
	"bytes"
	"strings"
)

// ParseCmdline turns the contents of /proc/PID/cmdline, the NUL-separated argv,
// into one string with the arguments joined by ' ' (trailing NULs dropped; an
// empty argument leaves two spaces). Kernel threads and zombies have an empty
// cmdline and get "".
//
// argv0Len is the byte length of argv[0] at the start of cmd. A process that
// rewrote its argv as one string (setproctitle: "nginx: worker process") has no
// NUL to mark it; there argv[0] is taken to end at the first space, and a colon
// just before that space is left out, as htop does ("nginx").
//
// The bytes are the process's own: nothing is escaped or checked for UTF-8.
func ParseCmdline(b []byte) (cmd string, argv0Len int) {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	if len(b) == 0 {
		return "", 0
	}
	argv0Len = bytes.IndexByte(b, 0)
	if argv0Len < 0 {
		return string(b), rewrittenArgv0(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			sb.Write(b)
			break
		}
		sb.Write(b[:i])
		sb.WriteByte(' ')
		b = b[i+1:]
	}
	return sb.String(), argv0Len
}

// ArgSeps returns the byte offsets, in the command line ParseCmdline makes of
// b, of the spaces that stand for the NULs between arguments, so the argv can
// be cut out again exactly (an argument may hold spaces of its own). A command
// line of one argument, or one rewritten as one string, has none: nil. Empty
// arguments at the end are not told from the NULs a rewritten argv is padded
// with, and are lost, as in the command line.
func ArgSeps(b []byte) []int32 {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	var seps []int32
	for i, c := range b {
		if c == 0 {
			seps = append(seps, int32(i))
		}
	}
	return seps
}

// rewrittenArgv0 guesses the length of argv[0] in a command line without NULs.
func rewrittenArgv0(b []byte) int {
	n := bytes.IndexByte(b, ' ')
	if n < 0 {
		return len(b)
	}
	if n > 0 && b[n-1] == ':' {
		n--
	}
	return n
}
