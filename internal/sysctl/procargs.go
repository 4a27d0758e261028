package sysctl

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// ProcArgs is a process's command line as the kernel keeps it.
type ProcArgs struct {
	// Exec is the path handed to execve (macOS exec_path: relative when the caller
	// gave a relative one); empty on FreeBSD, whose kern.proc.args has no such part.
	Exec string
	Argv []string // the arguments, argv[0] first; never the environment
}

// maxArgs bounds the argument count a buffer may claim, far above ARG_MAX's worth
// of one-byte arguments, so a hostile argc cannot make ParseProcArgs2 allocate.
const maxArgs = 1 << 20

// ParseProcArgs2 parses a macOS kern.procargs2 buffer:
//
//	int32 argc | exec_path NUL | NUL padding | argv[0] NUL … argv[argc-1] NUL | env NUL … | apple strings
//
// The padding cannot be told from empty leading arguments, so an empty argv[0]
// is lost (ps(1) has the same limit). Arguments beyond the end of the buffer are
// dropped and an argument without its NUL is taken up to the end; a buffer too
// short for argc and exec_path is ErrMalformed.
func ParseProcArgs2(b []byte) (ProcArgs, error) {
	var a ProcArgs
	if len(b) < 4 {
		return a, fmt.Errorf("procargs2 of %d bytes: %w", len(b), ErrMalformed)
	}
	argc := int32(binary.LittleEndian.Uint32(b))
	if argc < 0 || argc > maxArgs {
		return a, fmt.Errorf("procargs2 argc %d: %w", argc, ErrMalformed)
	}
	b = b[4:]
	end := bytes.IndexByte(b, 0)
	if end < 0 {
		return a, fmt.Errorf("procargs2 exec path without NUL: %w", ErrMalformed)
	}
	a.Exec = string(b[:end])
	b = b[end:]
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	if argc > 0 && len(b) > 0 {
		a.Argv = make([]string, 0, min(int(argc), 64))
	}
	for i := int32(0); i < argc && len(b) > 0; i++ {
		var s []byte
		s, b = cut(b)
		a.Argv = append(a.Argv, string(s))
	}
	return a, nil
}

// ParseArgs parses a FreeBSD kern.proc.args buffer: the arguments, each ended by
// a NUL (the last NUL may be missing when the buffer was truncated). A kernel
// process has none: the result is empty.
func ParseArgs(b []byte) ProcArgs {
	var a ProcArgs
	for len(b) > 0 {
		var s []byte
		s, b = cut(b)
		a.Argv = append(a.Argv, string(s))
	}
	return a
}

// cut splits b at its first NUL: the string before it and the rest after it, or
// all of b and nothing when there is no NUL.
func cut(b []byte) (s, rest []byte) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}
