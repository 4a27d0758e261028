package ui

import (
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
)

// content is the process table as a virtual tview.TableContent: row 0 is the
// column header, row i+1 is display row i of the view. Cells are made on demand
// for the rows tview draws, so the cost of a frame does not grow with the
// number of processes. Made cells are kept until the view changes.
type content struct {
	tview.TableContentReadOnly
	v       *view
	th      *theme
	onTitle func(col *column) // a header cell was clicked
	cache   map[int][]*tview.TableCell
	now     time.Time
}

func newContent(v *view, th *theme) *content {
	return &content{v: v, th: th, cache: map[int][]*tview.TableCell{}}
}

// invalidate drops the made cells; call it whenever the view changes.
func (c *content) invalidate() {
	clear(c.cache)
	c.now = time.Now()
}

// GetRowCount is the header plus one row per shown process.
func (c *content) GetRowCount() int { return len(c.v.order) + 1 }

// GetColumnCount is the number of visible columns.
func (c *content) GetColumnCount() int { return len(c.v.cols) }

// GetCell returns the cell at (row, col), making the whole row on first use.
func (c *content) GetCell(row, col int) *tview.TableCell {
	if col < 0 || col >= len(c.v.cols) || row < 0 || row > len(c.v.order) {
		return nil
	}
	cells, ok := c.cache[row]
	if !ok {
		if len(c.cache) > 2000 {
			clear(c.cache)
		}
		if row == 0 {
			cells = c.headerRow()
		} else {
			cells = c.processRow(row - 1)
		}
		c.cache[row] = cells
	}
	return cells[col]
}

// headerRow is the column titles; the sort column carries its direction.
func (c *content) headerRow() []*tview.TableCell {
	cells := make([]*tview.TableCell, len(c.v.cols))
	for i, col := range c.v.cols {
		title, style := col.title, c.th.colHeader
		if col == c.v.sortCol {
			desc := col.key.Desc != c.v.reverse
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
func (c *content) processRow(i int) []*tview.TableCell {
	v := c.v
	p := v.proc(i)
	rc := rowCtx{pidWidth: v.pidWidth, now: c.now}
	if v.tree {
		rc.prefix = v.rows[i].Prefix()
	}
	style, tags := tcell.StyleDefault, &c.th.tag
	switch {
	case v.tagged[p.ID]:
		style, tags = c.th.tagged, nil
	case p.Flags&collect.FlagExited != 0:
		style, tags = c.th.exitedRow, nil
	case p.Flags&collect.FlagNew != 0:
		style, tags = c.th.newRow, nil
	}
	cells := make([]*tview.TableCell, len(v.cols))
	for k, col := range v.cols {
		w := cellWriter{tags: tags}
		col.putCell(&w, p, &rc)
		cell := tview.NewTableCell(w.String()).SetStyle(style)
		if style != tcell.StyleDefault {
			cell.SetTransparency(false)
		}
		if width := col.cellWidth(v.pidWidth); width > 0 {
			cell.SetMaxWidth(width)
		} else {
			cell.SetExpansion(1)
		}
		cells[k] = cell
	}
	return cells
}
