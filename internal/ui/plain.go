package ui

import (
	"github.com/pidtop/pidtop/internal/field"
	"strings"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// PlainTable renders processes as plain text with the viewer's own column
// registry: same titles, widths, formats, placeholders and sanitizer, no colour.
// Batch mode prints with it, so -b shows exactly what the viewer would.
type PlainTable struct {
	cols []*column
	rc   rowCtx
}

// NewPlainTable prepares a table of the given column IDs (nil: htop's defaults)
// for one snapshot's processes (their largest PID sets the PID width).
func NewPlainTable(ids []string, procs []collect.Process, now time.Time) (*PlainTable, error) {
	cols, err := lookupColumns(ids)
	if err != nil {
		return nil, err
	}
	var maxPID int32
	for i := range procs {
		maxPID = max(maxPID, procs[i].PID)
	}
	return &PlainTable{cols: cols, rc: rowCtx{pidWidth: len(num(maxPID)), env: &field.Env{Now: now, CPUs: 1},
		look: rowLook{baseName: true, programPath: true}}}, nil
}

// Header is the column titles line, without a newline.
func (t *PlainTable) Header() string {
	var b strings.Builder
	for i, col := range t.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		w, title := col.cellWidth(t.rc.pidWidth), col.title
		pad := strings.Repeat(" ", max(w-textWidth(title), 0))
		if col.left || w == 0 {
			b.WriteString(title + pad)
		} else {
			b.WriteString(pad + title)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Row is one process's line, without a newline; prefix is the tree guide.
func (t *PlainTable) Row(p *collect.Process, prefix string) string {
	t.rc.prefix = prefix
	var b strings.Builder
	for i, col := range t.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		var w cellWriter // widths are per cell
		col.putCell(&w, p, &t.rc)
		b.WriteString(w.String())
	}
	return strings.TrimRight(b.String(), " ")
}

// FormatUptime formats a duration like htop's Uptime meter.
func FormatUptime(d time.Duration) string { return uptime(d) }
