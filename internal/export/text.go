package export

import (
	"fmt"
	"io"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// Table lays out one snapshot's processes in the text form's columns.
type Table interface {
	// Header is the column titles line, without a newline.
	Header() string
	// Row is p's line, without a newline; prefix is its tree guide.
	Row(p *collect.Process, prefix string) string
}

// TextConfig says what a text writer writes, and with what columns.
type TextConfig struct {
	Fields    []*field.Field // the columns, in order
	NoHeaders bool           // rows alone, as ps --no-headers
	// NewTable lays out one snapshot's processes procs at time now in the
	// columns ids. The viewer's (ui.NewPlainTable) do, so -b prints what the
	// screen would; a function rather than an import, since export must not
	// depend on the viewer.
	NewTable func(ids []string, procs []collect.Process, now time.Time) (Table, error)
	// Uptime formats the summary's uptime, as the viewer's meter does.
	Uptime func(time.Duration) string
}

// TextWriter prints each snapshot like top -b: a summary, then the columns.
type TextWriter struct {
	w   io.Writer
	c   TextConfig
	ids []string
}

// NewText returns the text writer to w of c.
func NewText(w io.Writer, c TextConfig) *TextWriter {
	return &TextWriter{w: w, c: c, ids: field.IDs(c.Fields)}
}

// WriteSnapshot prints s like top -b: a summary, then htop's default columns
// (or the given fields), drawn by the table's columns and sanitizer. Without
// headers it prints the rows alone, as ps --no-headers.
func (t *TextWriter) WriteSnapshot(s *collect.Snapshot, rows []Row) error {
	w, headers := t.w, !t.c.NoHeaders
	tab, err := t.c.NewTable(t.ids, s.Procs, s.Time)
	if err != nil {
		return err
	}
	var b []byte
	if headers {
		writeSummary(w, s, t.c.Uptime)
		b = append([]byte(tab.Header()), '\n')
	}
	for _, r := range rows {
		b = append(append(b, tab.Row(r.Proc, r.Prefix)...), '\n')
		if len(b) > 32<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if headers {
		b = append(b, '\n') // a blank line between snapshots
	}
	_, err = w.Write(b)
	return err
}

// writeSummary prints the lines above the table, as top -b.
func writeSummary(w io.Writer, s *collect.Snapshot, uptime func(time.Duration) string) {
	sys := &s.System
	fmt.Fprintf(w, "pidtop - %s up %s, load average: %s\n", s.Time.Format("15:04:05"),
		uptime(sys.Uptime), loadText(sys))
	restricted := ""
	if sys.Restricted {
		restricted = " (restricted view: only the processes /proc shows this user)"
	}
	fmt.Fprintf(w, "Tasks: %d total, %d running, %d threads, %d kernel threads%s\n",
		sys.Tasks, sys.Running, sys.Threads, sys.KernelThreads, restricted)
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
}

func loadText(sys *collect.System) string {
	if sys.Known&collect.SysKnownLoad == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f, %.2f, %.2f", sys.Load[0], sys.Load[1], sys.Load[2])
}
