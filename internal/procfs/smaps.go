package procfs

import "fmt"

// SmapsRollup is /proc/PID/smaps_rollup (since Linux 4.14): the sums of
// /proc/PID/smaps over every mapping, see proc_pid_smaps_rollup(5). Sizes are
// converted from the file's kB to bytes. Reading it walks the process's page
// tables under its mmap lock, which makes it the costliest per-process file:
// it is read only for a field that asks for it.
type SmapsRollup struct {
	Rss uint64 // resident set size, bytes
	// Pss is the proportional set size: each resident page counted as 1/N of a
	// page, where N is the number of processes mapping it.
	Pss          uint64
	SharedClean  uint64 // resident pages mapped by other processes too, unmodified
	SharedDirty  uint64 // resident pages mapped by other processes too, modified
	PrivateClean uint64 // resident pages mapped by this process alone, unmodified
	PrivateDirty uint64 // resident pages mapped by this process alone, modified
	Swap         uint64 // anonymous memory swapped out
	SwapPss      uint64 // Swap, shared pages counted as 1/N
}

// Uss is the unique set size: the memory freed if the process exited, its
// private resident pages.
func (s *SmapsRollup) Uss() uint64 { return s.PrivateClean + s.PrivateDirty }

// ParseSmapsRollup parses the contents of /proc/PID/smaps_rollup into s without
// allocating. Rss and Pss must be present (every kernel that has the file writes
// them); the other lines are optional and read as 0 when absent. A process
// without memory (kernel thread, zombie) gives an empty file, which is malformed
// here: it has no such figures.
func ParseSmapsRollup(b []byte, s *SmapsRollup) error {
	*s = SmapsRollup{}
	seen, ok := scanKV(b, s.field, parseKB)
	if !ok || seen&3 != 3 {
		return fmt.Errorf("smaps_rollup: %w", ErrMalformed)
	}
	return nil
}

// field maps a line's key to its field and a bit of its own.
func (s *SmapsRollup) field(key []byte) (*uint64, int) {
	switch string(key) {
	case "Rss":
		return &s.Rss, 1
	case "Pss":
		return &s.Pss, 2
	case "Shared_Clean":
		return &s.SharedClean, 4
	case "Shared_Dirty":
		return &s.SharedDirty, 8
	case "Private_Clean":
		return &s.PrivateClean, 16
	case "Private_Dirty":
		return &s.PrivateDirty, 32
	case "Swap":
		return &s.Swap, 64
	case "SwapPss":
		return &s.SwapPss, 128
	}
	return nil, 0
}

// ParseOOMScore parses /proc/PID/oom_score: the badness the OOM killer gives the
// process, 0 (never chosen) to 2000 since Linux 5.9 (1000 before).
func ParseOOMScore(b []byte) (int32, error) {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	n, ok := parseInt(trimSpace(b))
	if !ok || n < 0 || n > 1<<20 {
		return 0, fmt.Errorf("oom_score: %w", ErrMalformed)
	}
	return int32(n), nil
}
