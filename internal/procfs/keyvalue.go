package procfs

import "bytes"

// nextLine returns the line of b that starts at i, without its newline, and the
// index after it. At the end of b it returns nil and len(b).
func nextLine(b []byte, i int) (line []byte, next int) {
	if i >= len(b) {
		return nil, len(b)
	}
	j := bytes.IndexByte(b[i:], '\n')
	if j < 0 {
		return b[i:], len(b)
	}
	return b[i : i+j], i + j + 1
}

// splitKey splits a "Key: value" line (status, io, meminfo) at its first colon.
func splitKey(line []byte) (key, rest []byte, ok bool) {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return nil, nil, false
	}
	return line[:i], line[i+1:], true
}

// kvScanner walks the "Key: value" lines of a file; lines without a colon are
// passed over.
type kvScanner struct {
	b        []byte
	i        int
	key, val []byte
}

// next moves to the next "Key: value" line and reports whether there was one.
func (s *kvScanner) next() bool {
	for s.i < len(s.b) {
		var line []byte
		line, s.i = nextLine(s.b, s.i)
		if key, val, ok := splitKey(line); ok {
			s.key, s.val = key, val
			return true
		}
	}
	return false
}

// scanKV parses with parse the value of each line of b whose key field maps to a
// field, and returns the bits field gave for the keys seen. It stops at the first
// value parse rejects.
func scanKV(b []byte, field func(key []byte) (*uint64, int), parse func([]byte) (uint64, bool)) (seen int, ok bool) {
	ok = true
	for kv := (kvScanner{b: b}); ok && kv.next(); {
		if p, bit := field(kv.key); p != nil {
			*p, ok = parse(kv.val)
			seen |= bit
		}
	}
	return seen, ok
}

// parseUintValue parses a value holding one unsigned decimal ("rchar: 6976").
func parseUintValue(val []byte) (uint64, bool) { return parseUint(trimSpace(val)) }

// parseKB parses a value such as "   3060 kB" into bytes. A value without the kB
// unit (meminfo's HugePages_* counts) is returned as is.
func parseKB(rest []byte) (uint64, bool) {
	sc := fieldScanner{b: rest}
	v, ok := parseUint(sc.next())
	if !ok {
		return 0, false
	}
	switch unit := sc.next(); {
	case unit == nil:
		return v, true
	case string(unit) == "kB" && sc.next() == nil:
		if v > (1<<64-1)/1024 {
			return 0, false
		}
		return v * 1024, true
	}
	return 0, false
}

// parseI32 parses a value holding one signed decimal that fits an int32.
func parseI32(rest []byte) (int32, bool) {
	v, ok := parseInt(trimSpace(rest))
	if !ok || v < -1<<31 || v > 1<<31-1 {
		return 0, false
	}
	return int32(v), true
}

// trimSpace drops leading and trailing blanks (space, tab) without allocating.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
