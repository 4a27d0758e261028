package procfs

import "bytes"

// ParseEnviron splits /proc/PID/environ into its entries, in order. The file is
// the process's environment block as it is in the process's memory now: a
// process may have rewritten it (setproctitle), so an entry may lack '=' or hold
// any bytes. Empty entries (runs of NULs) are dropped.
func ParseEnviron(b []byte) []string {
	var out []string
	for len(b) > 0 {
		entry := b
		if i := bytes.IndexByte(b, 0); i >= 0 {
			entry, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(entry) > 0 {
			out = append(out, string(entry))
		}
	}
	return out
}
