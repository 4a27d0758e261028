package ui

import (
	"github.com/pidtop/pidtop/internal/field"
	"slices"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
)

// content is the process table as a virtual tview.TableContent: row 0 is the
// column header, row i+1 is display row i of the view. Rows are made on demand
// for the rows tview draws, so the cost of a frame does not grow with the
// number of processes. Made rows are kept until the view changes, and their
// buffers are reused by the next rows made.
//
// A process row's tview cells carry no text, only their width and row colours:
// tview lays them out, selects and colours them, and procTable then writes the
// text with its colour roles straight onto the screen. Tagged text made tview
// parse tags and step graphemes for every character, which cost most of a frame.
type content struct {
	tview.TableContentReadOnly
	v       *view
	th      *theme
	onTitle func(col *column) // a header cell was clicked
	cache   map[int]*madeRow
	free    []*madeRow
	now     time.Time

	// setShown, with a ShownFeed, is told the processes drawn when they differ
	// from the last frame's (shown).
	setShown func([]int32)
	shown    []int32
	post     func(func()) // runs a function on the UI goroutine, then draws

	look rowLook // the display options that change how rows are drawn
}

// rowLook is what the display options say of a row's look.
type rowLook struct {
	highlight   bool // new and exited processes in their own colours (htop -H)
	baseName    bool // the program's base name stands out in the command
	programPath bool // the command's first word keeps its directory
	merged      bool // exe, comm and command line merged (htop: m; merged.go)
	// shadowOthers draws the rows of processes another user owns than uid,
	// pidtop's real user, in the shadow colour (htop: "Shadow other users'
	// processes"). uid is -1 where there is none (Windows): nothing is shadowed.
	shadowOthers bool
	uid          int
}

// shadowed reports whether p's row is drawn in the shadow colour.
func (l *rowLook) shadowed(p *collect.Process) bool {
	return l.shadowOthers && l.uid >= 0 && p.Known&collect.KnownUser != 0 && int64(p.UID()) != int64(l.uid)
}

// madeRow is one process row: its blank cells and each column's text.
type madeRow struct {
	cells []*tview.TableCell
	text  []cellWriter
	style tcell.Style // the whole row's style (tagged, new, exited)
	roles bool        // per-role colours instead of style
}

func newContent(v *view, th *theme) *content {
	return &content{v: v, th: th, cache: map[int]*madeRow{}}
}

// invalidate drops the made rows; call it whenever the view changes.
func (c *content) invalidate() {
	c.recycle()
	c.now = time.Now()
}

// recycle keeps the made process rows' buffers for reuse.
func (c *content) recycle() {
	for row, m := range c.cache {
		if row > 0 && len(m.cells) == len(c.v.cols) {
			c.free = append(c.free, m)
		}
	}
	clear(c.cache)
}

// newFrame remakes the header, so that its cells' positions are this frame's.
func (c *content) newFrame() { delete(c.cache, 0) }

// GetRowCount is the header plus one row per shown process.
func (c *content) GetRowCount() int { return len(c.v.order) + 1 }

// GetColumnCount is the number of visible columns.
func (c *content) GetColumnCount() int { return len(c.v.cols) }

// GetCell returns the cell at (row, col), making the whole row on first use.
func (c *content) GetCell(row, col int) *tview.TableCell {
	if col < 0 || col >= len(c.v.cols) || row < 0 || row > len(c.v.order) {
		return nil
	}
	m, ok := c.cache[row]
	if !ok {
		if len(c.cache) > 2000 {
			c.recycle()
		}
		if row == 0 {
			m = &madeRow{cells: c.headerRow()}
		} else {
			m = c.processRow(row - 1)
		}
		c.cache[row] = m
	}
	return m.cells[col]
}

// headerRow is the column titles; the sort column carries its direction.
func (c *content) headerRow() []*tview.TableCell {
	cells := make([]*tview.TableCell, len(c.v.cols))
	for i, col := range c.v.cols {
		title, style := col.title, c.th.colHeader
		if col.f == c.v.sortField {
			desc := col.f.Descending != c.v.reverse
			title += map[bool]string{true: "▽", false: "△"}[desc]
			style = c.th.colSort
		}
		w := col.cellWidth(c.v.pidWidth)
		if pad := w - textWidth(title); pad > 0 {
			if col.left || w == 0 {
				title += strings.Repeat(" ", pad)
			} else {
				title = strings.Repeat(" ", pad) + title
			}
		}
		cell := tview.NewTableCell(title).SetStyle(style).SetSelectable(false).SetTransparency(false)
		cell.SetMaxWidth(w)
		if w == 0 {
			cell.SetExpansion(1)
		}
		clicked := col
		cell.SetClickedFunc(func() bool {
			if c.onTitle != nil {
				c.onTitle(clicked)
			}
			return true
		})
		cells[i] = cell
	}
	return cells
}

// processRow makes display row i. A tagged, new or exited row is drawn in one
// colour, so its state stands out; others get per-part colours.
func (c *content) processRow(i int) *madeRow {
	v := c.v
	p := v.shownProc(i)
	rc := rowCtx{pidWidth: v.pidWidth, env: &field.Env{Now: c.now, CPUs: max(len(v.snap.System.CPUs), 1)},
		look: c.look}
	if v.tree {
		rc.prefix = v.rows[i].Prefix()
	}
	m := c.reuse()
	m.style, m.roles = tcell.StyleDefault, true
	switch {
	case v.tagged[p.ID]:
		m.style, m.roles = c.th.tagged, false
	case c.look.highlight && p.Flags&collect.FlagExited != 0:
		m.style, m.roles = c.th.exitedRow, false
	case c.look.highlight && c.v.isNew(p):
		m.style, m.roles = c.th.newRow, false
	case c.look.shadowed(p):
		m.style, m.roles = c.th.cell[roleShadow], false
	}
	for k, col := range v.cols {
		m.text[k].reset()
		col.putCell(&m.text[k], p, &rc)
		cell := m.cells[k]
		cell.SetStyle(m.style).SetTransparency(m.style == tcell.StyleDefault)
		if width := col.cellWidth(v.pidWidth); width > 0 {
			cell.SetMaxWidth(width).SetExpansion(0)
		} else {
			cell.SetMaxWidth(0).SetExpansion(1)
		}
	}
	return m
}

// reuse returns a recycled row, or a new one.
func (c *content) reuse() *madeRow {
	n := len(c.v.cols)
	for k := len(c.free); k > 0; k = len(c.free) {
		m := c.free[k-1]
		c.free = c.free[:k-1]
		if len(m.cells) == n { // the columns may have changed since it was kept
			return m
		}
	}
	m := &madeRow{cells: make([]*tview.TableCell, n), text: make([]cellWriter, n)}
	for k := range m.cells {
		m.cells[k] = tview.NewTableCell("")
	}
	return m
}

// reportShown tells the feed which processes the n display rows from table row
// off+1 on show, when that changed since the last frame. Exited rows and thread
// rows are left out: the collector reads no statm for them.
func (c *content) reportShown(off, n int) {
	if c.setShown == nil {
		return
	}
	var buf [128]int32
	now := buf[:0]
	for i := off; i < off+n; i++ {
		p := c.v.proc(i)
		if p == nil {
			break
		}
		if p.Flags&(collect.FlagExited|collect.FlagThread) == 0 {
			now = append(now, p.PID)
		}
	}
	if slices.Equal(now, c.shown) {
		return
	}
	c.shown = slices.Clone(now)
	c.setShown(c.shown)
}
