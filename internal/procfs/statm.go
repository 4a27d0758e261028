package procfs

import "fmt"

// Statm is /proc/PID/statm, see proc_pid_statm(5). All sizes are in pages
// (see PageSize).
type Statm struct {
	Size     uint64 // total program size (same as VmSize)
	Resident uint64 // resident set size (same as VmRSS)
	Shared   uint64 // resident file-backed and shared pages (RssFile + RssShmem)
	Text     uint64 // text (code)
	Data     uint64 // data + stack
}

// ParseStatm parses the contents of /proc/PID/statm into m without allocating.
func ParseStatm(b []byte, m *Statm) error {
	sc := fieldScanner{b: b}
	m.Size = sc.u64()
	m.Resident = sc.u64()
	m.Shared = sc.u64()
	m.Text = sc.u64()
	sc.skip(1) // lib, always 0
	m.Data = sc.u64()
	if sc.bad {
		return fmt.Errorf("statm: %w", ErrMalformed)
	}
	return nil
}
