package ui

import (
	"os"

	"github.com/gdamore/tcell/v2"
)

// Horizontal scrolling, as htop's: Left and Right shift the whole table,
// header included, by a few columns; Ctrl-A or ^ returns to the line's start,
// Ctrl-E or $ goes to where the selected line ends. A command line longer than
// the screen is read this way in full.
//
// The table is drawn into a rect that starts hscroll columns left of the
// screen's and is as much wider, through a screen that drops what falls
// outside the real rect: tview lays the columns out as usual and the Command
// column, which takes the rest of the line, gets the extra width.

// hscrollStep is how far Left and Right move: htop's 5, or 20 on the Linux
// console, where redrawing is slow.
func hscrollStep() int {
	if os.Getenv("TERM") == "linux" {
		return 20
	}
	return 5
}

// clipScreen is a screen that keeps writes within the columns [x0, x1).
type clipScreen struct {
	tcell.Screen
	x0, x1 int
}

func (s *clipScreen) SetContent(x, y int, r rune, comb []rune, st tcell.Style) {
	if x >= s.x0 && x < s.x1 {
		s.Screen.SetContent(x, y, r, comb, st)
	}
}

// shift moves the table's rect hscroll columns to the left for this frame
// (the Flex that holds the table sets its real rect before every draw) and
// returns the screen to draw on.
func (t *procTable) shift(screen tcell.Screen) tcell.Screen {
	x, y, w, h := t.GetRect()
	t.width = w
	if t.hscroll <= 0 {
		return screen
	}
	t.SetRect(x-t.hscroll, y, w+t.hscroll, h)
	return &clipScreen{Screen: screen, x0: x, x1: x + w}
}

// lineWidth is the width of display row i's whole line, from the first
// column's start to the end of its last column's text, as laid out by the
// last frame.
func (t *procTable) lineWidth(i int) int {
	n := t.c.GetColumnCount()
	if n == 0 || t.c.GetCell(i+1, 0) == nil {
		return 0
	}
	m := t.c.cache[i+1]
	if m == nil || len(m.text) != n {
		return 0
	}
	return t.lastX + m.text[n-1].width
}

// scrollH moves the table d columns to the right (d < 0: to the left), never
// before the line's start, nor further right than the widest line on screen
// needs.
func (r *runner) scrollH(d int) {
	t := r.ptable
	end := max(t.widest-t.room(), t.lineWidth(r.v.selRow)-t.room(), 0)
	to := max(t.hscroll+d, 0)
	if d > 0 && to > end {
		to = max(end, t.hscroll)
	}
	t.hscroll = to
}

// scrollHome is Ctrl-A and ^: back to the line's start.
func (r *runner) scrollHome() { r.ptable.hscroll = 0 }

// scrollEnd is Ctrl-E and $: the end of the selected line at the right edge.
func (r *runner) scrollEnd() {
	t := r.ptable
	t.hscroll = max(t.lineWidth(r.v.selRow)-t.room(), 0)
}

// room is the width a line has on screen: the table's, less the column
// tview leaves right of the last cell.
func (t *procTable) room() int { return t.width - t.tail }
