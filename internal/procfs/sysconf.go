package procfs

import (
	"encoding/binary"
	"os"
)

// PageSize returns the size of a memory page in bytes, the unit of Stat.RSS and
// of every Statm field.
func PageSize() int { return os.Getpagesize() }

// The auxiliary vector keys we read, see getauxval(3).
const (
	atNull   = 0  // AT_NULL: end of the vector
	atClkTck = 17 // AT_CLKTCK: frequency of times(2), USER_HZ
)

// auxvValue finds key in an auxiliary vector (the contents of /proc/PID/auxv):
// pairs of machine words, key then value, ending at AT_NULL. wordSize is 4 or 8.
func auxvValue(b []byte, key uint64, wordSize int, order binary.ByteOrder) (uint64, bool) {
	word := func(p []byte) uint64 {
		if wordSize == 4 {
			return uint64(order.Uint32(p))
		}
		return order.Uint64(p)
	}
	for ; len(b) >= 2*wordSize; b = b[2*wordSize:] {
		k := word(b)
		if k == atNull {
			break
		}
		if k == key {
			return word(b[wordSize:]), true
		}
	}
	return 0, false
}
