package procfs

import "errors"

// ErrMalformed is returned (wrapped) by a parser whose input is not in the format
// the kernel writes.
var ErrMalformed = errors.New("malformed /proc data")

// fieldScanner walks space-separated decimal fields without allocating.
type fieldScanner struct {
	b   []byte
	i   int
	bad bool
}

// next returns the next space-separated field, or nil at the end.
func (s *fieldScanner) next() []byte {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\n' || s.b[s.i] == '\t') {
		s.i++
	}
	start := s.i
	for s.i < len(s.b) && s.b[s.i] != ' ' && s.b[s.i] != '\n' && s.b[s.i] != '\t' {
		s.i++
	}
	if start == s.i {
		return nil
	}
	return s.b[start:s.i]
}

// u64 parses the next field as an unsigned decimal; a missing or bad field sets bad.
func (s *fieldScanner) u64() uint64 {
	v, ok := parseUint(s.next())
	if !ok {
		s.bad = true
	}
	return v
}

// i64 parses the next field as a signed decimal; a missing or bad field sets bad.
func (s *fieldScanner) i64() int64 {
	v, ok := parseInt(s.next())
	if !ok {
		s.bad = true
	}
	return v
}

// skip passes over n fields.
func (s *fieldScanner) skip(n int) {
	for ; n > 0; n-- {
		if s.next() == nil {
			s.bad = true
		}
	}
}

// parseUint parses an unsigned decimal without allocating. It rejects empty input,
// non-digits and overflow.
func parseUint(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	return v, true
}

// parseInt parses a signed decimal without allocating.
func parseInt(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	u, ok := parseUint(b)
	if !ok || u > 1<<63 || (!neg && u == 1<<63) {
		return 0, false
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}
