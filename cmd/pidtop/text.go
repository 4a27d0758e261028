package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/sort"
	"github.com/pidtop/pidtop/internal/ui"
)

// writeText prints one snapshot like top -b: a summary, then htop's default
// columns. Everything a process controls goes through the viewer's sanitizer.
func writeText(w io.Writer, s *collect.Snapshot, rows []row) error {
	sys := &s.System
	fmt.Fprintf(w, "pidtop - %s up %s, load average: %s\n", s.Time.Format("15:04:05"),
		formatUptime(sys.Uptime), loadText(sys))
	fmt.Fprintf(w, "Tasks: %d total, %d running, %d threads, %d kernel threads\n",
		sys.Tasks, sys.Running, sys.Threads, sys.KernelThreads)
	c := sys.CPUTotal
	fmt.Fprintf(w, "%%Cpu(s): %4.1f us, %4.1f ni, %4.1f sy, %4.1f id, %4.1f wa, %4.1f hi, %4.1f si, %4.1f st, %4.1f gu\n",
		c.User, c.Nice, c.System, c.Idle, c.IOWait, c.IRQ, c.SoftIRQ, c.Steal, c.Guest)
	m, sw := sys.Memory, sys.Swap
	const mib = 1 << 20
	fmt.Fprintf(w, "MiB Mem : %9.1f total, %9.1f free, %9.1f used, %9.1f buff/cache, %9.1f avail\n",
		float64(m.Total)/mib, float64(m.Free)/mib, float64(m.Used)/mib,
		float64(m.Buffers+m.Cache+m.Shared)/mib, float64(m.Available)/mib)
	fmt.Fprintf(w, "MiB Swap: %9.1f total, %9.1f free, %9.1f used\n\n",
		float64(sw.Total)/mib, float64(sw.Total-min(sw.Used, sw.Total))/mib, float64(sw.Used)/mib)
	fmt.Fprintf(w, "%7s %-9s %3s %3s %6s %6s %6s %s %5s %4s %9s  %s\n",
		"PID", "USER", "PRI", "NI", "VIRT", "RES", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command")
	var b []byte
	for _, r := range rows {
		b = appendTextRow(b[:0], r)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func loadText(sys *collect.System) string {
	if sys.Known&collect.SysKnownLoad == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f, %.2f, %.2f", sys.Load[0], sys.Load[1], sys.Load[2])
}

// appendTextRow formats one process line; unknown fields print as "-".
func appendTextRow(b []byte, r row) []byte {
	p := r.p
	known := func(k collect.Known) bool { return p.Known.Has(k) }
	b = fmt.Appendf(b, "%7d %-9.9s ", p.PID, ui.Sanitize(orDash(p.User, known(collect.KnownUser))))
	if known(collect.KnownPriority) {
		b = fmt.Appendf(b, "%3s %3d ", formatPriority(p.Priority), p.Nice)
	} else {
		b = append(b, "  -   - "...)
	}
	for _, f := range []struct {
		v uint64
		k collect.Known
	}{{p.VirtBytes, collect.KnownVirt}, {p.ResBytes, collect.KnownRes}, {p.ShrBytes, collect.KnownShr}} {
		b = fmt.Appendf(b, "%6s ", orDash(formatBytes(f.v), known(f.k)))
	}
	b = fmt.Appendf(b, "%c %5s %4s %9s  ", p.State,
		orDash(strconv.FormatFloat(p.CPUPercent, 'f', 1, 64), known(collect.KnownCPU)),
		orDash(strconv.FormatFloat(p.MemPercent, 'f', 1, 64), known(collect.KnownRes)),
		orDash(formatCPUTime(p.CPUTime()), known(collect.KnownCPU)))
	b = append(b, r.prefix...)
	b = append(b, ui.Sanitize(sort.Command(p))...)
	return append(b, '\n')
}

func orDash(s string, known bool) string {
	if !known {
		return "-"
	}
	return s
}
