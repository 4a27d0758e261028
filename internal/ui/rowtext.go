package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// procTable is the process table: tview's Table lays out, scrolls, selects and
// colours the rows, then the rows' text is written over its blank cells, at the
// places tview gave the header's cells this frame.
type procTable struct {
	*tview.Table
	c *content

	hscroll int // columns the table is scrolled to the right (hscroll.go)
	width   int // the table's width on screen, last frame
	lastX   int // where the last column starts in the line, last frame
	tail    int // the columns right of the last column's cell, last frame
	widest  int // the widest line on screen, last frame
}

// Draw draws the table, then the text of the process rows on screen.
func (t *procTable) Draw(screen tcell.Screen) {
	t.c.newFrame()
	// tview's Table starts to follow its last row once it has been drawn with
	// fewer rows than fit (before the first snapshot, or under a narrow
	// filter), and then scrolls to the end when the rows come: the first frame
	// showed the highest PIDs, not the first. Setting the offset it has turns
	// that off; within one Draw it still pulls a table scrolled past its end
	// back up.
	t.SetOffset(t.GetOffset())
	screen = t.shift(screen)
	t.Table.Draw(screen)
	hdr := t.c.cache[0]
	if hdr == nil {
		return
	}
	_, y0, _, h := t.GetInnerRect()
	off, _ := t.GetOffset()
	sel, _ := t.GetSelection()
	t.c.reportShown(off, h-1)
	if t.c.post != nil {
		t.c.v.sendAsks(t.c.post)
	}
	x0, _, w0, _ := t.GetRect()
	if n := len(hdr.cells); n > 0 {
		x, _, w := hdr.cells[n-1].GetLastPosition()
		t.lastX, t.tail = x-x0, x0+w0-x-w
	}
	t.widest = 0
	for y := 1; y < h; y++ {
		m := t.c.cache[off+y]
		if m == nil || len(m.text) != len(hdr.cells) || len(m.text) == 0 {
			continue
		}
		t.widest = max(t.widest, t.lastX+m.text[len(m.text)-1].width)
		for k := range m.text {
			x, _, w := hdr.cells[k].GetLastPosition()
			if w > 0 {
				t.c.drawText(screen, x, y0+y, w, m, k, off+y == sel)
			}
		}
	}
}

// drawText writes column k of a made row at (x, y) in w columns, as tview would
// have printed its tagged text: role colours (or the row's style), the
// selection's colours over them, and "…" when the text is cut.
func (c *content) drawText(screen tcell.Screen, x, y, w int, m *madeRow, k int, selected bool) {
	cw := &m.text[k]
	text, spans := cw.b, cw.spans
	selFg, selBg, selAttr := c.th.selected.Decompose()
	col, state := 0, -1
	for i := 0; i < len(text) && col < w; {
		for len(spans) > 0 && spans[0].end <= i {
			spans = spans[1:]
		}
		st := m.style
		if m.roles {
			st = c.th.cell[roleNormal]
			if len(spans) > 0 && spans[0].start <= i {
				st = c.th.cell[spans[0].r]
			}
		}
		if selected {
			st = st.Foreground(selFg).Background(selBg)
			if selAttr != 0 {
				st = st.Attributes(selAttr)
			}
		} else if _, bg, _ := st.Decompose(); bg == tcell.ColorDefault {
			_, _, old, _ := screen.GetContent(x+col, y)
			_, obg, _ := old.Decompose()
			st = st.Background(obg)
		}
		if b := text[i]; b < 0x80 && (i+1 == len(text) || text[i+1] < 0x80) { // a lone ASCII character
			screen.SetContent(x+col, y, rune(b), nil, st)
			i, col, state = i+1, col+1, -1
			continue
		}
		var cluster []byte
		var width int
		cluster, _, width, state = uniseg.FirstGraphemeCluster(text[i:], state)
		i += len(cluster)
		if width == 0 {
			continue
		}
		if col+width > w {
			break
		}
		runes := []rune(string(cluster))
		screen.SetContent(x+col, y, runes[0], runes[1:], st)
		for j := 1; j < width; j++ {
			screen.SetContent(x+col+j, y, ' ', nil, st)
		}
		col += width
	}
	if cw.width > w && col > 0 {
		_, _, st, _ := screen.GetContent(x+w-1, y)
		screen.SetContent(x+w-1, y, tview.SemigraphicsHorizontalEllipsis, nil, st)
	}
}
