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
