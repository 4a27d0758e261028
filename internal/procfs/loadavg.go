package procfs

import (
	"bytes"
	"fmt"
)

// LoadAvg is /proc/loadavg, see proc_loadavg(5).
type LoadAvg struct {
	// Load1, Load5 and Load15 are the load average figures: the number of jobs
	// in the run queue (state R) or waiting for disk I/O (state D) averaged over
	// 1, 5 and 15 minutes.
	Load1, Load5, Load15 float64
	Running              int   // number of currently runnable kernel scheduling entities (processes, threads)
	Total                int   // number of kernel scheduling entities that currently exist on the system
	LastPID              int32 // PID of the process that was most recently created on the system
}

// ParseLoadAvg parses the contents of /proc/loadavg ("0.18 0.17 0.07 2/95 7931")
// into l without allocating.
func ParseLoadAvg(b []byte, l *LoadAvg) error {
	*l = LoadAvg{}
	sc := fieldScanner{b: b}
	loads := [...]*float64{&l.Load1, &l.Load5, &l.Load15}
	for _, p := range loads {
		v, ok := parseFixed(sc.next(), 1e6)
		if !ok {
			return fmt.Errorf("loadavg: bad load: %w", ErrMalformed)
		}
		*p = float64(v) / 1e6
	}
	running, total, ok := bytes.Cut(sc.next(), []byte{'/'})
	r, okR := parseUint(running)
	t, okT := parseUint(total)
	pid, okP := parseUint(sc.next())
	if !ok || !okR || !okT || !okP || r > 1<<31-1 || t > 1<<31-1 || pid > 1<<31-1 {
		return fmt.Errorf("loadavg: bad counts: %w", ErrMalformed)
	}
	l.Running, l.Total, l.LastPID = int(r), int(t), int32(pid)
	return nil
}

// parseFixed parses an unsigned decimal with an optional fraction ("254.34") and
// returns it multiplied by scale, a power of ten; fraction digits beyond the
// scale are dropped. It rejects signs, exponents and overflow.
func parseFixed(b []byte, scale uint64) (uint64, bool) {
	whole, frac, _ := bytes.Cut(b, []byte{'.'})
	w, ok := parseUint(whole)
	if !ok || w >= (1<<64-1)/scale {
		return 0, false
	}
	v := w * scale
	for _, c := range frac {
		if c < '0' || c > '9' {
			return 0, false
		}
		if scale >= 10 {
			scale /= 10
			v += uint64(c-'0') * scale
		}
	}
	return v, true
}
