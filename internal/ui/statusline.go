package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// statusLine is the row above the function bar that carries the viewer's
// messages (an action's result, a warning), and the states (PAUSED, FOLLOW,
// the filter, the tags) when they do not fit beside the keys. The bar is
// never written over: it is htop's, clickable, and what the user reads the
// keys from. A message gets the whole width, since an action's result often
// takes more than the bar leaves free, and the row is there only while there
// is something to say, so the table keeps its height otherwise.
type statusLine struct {
	*tview.Box
	th   *theme
	text string // already sanitized
}

func newStatusLine(th *theme) *statusLine {
	return &statusLine{Box: tview.NewBox(), th: th}
}

// Draw writes the text from the left, cut at the right edge.
func (s *statusLine) Draw(screen tcell.Screen) {
	s.DrawForSubclass(screen, s)
	x, y, w, h := s.GetInnerRect()
	if h > 0 && s.text != "" {
		tview.Print(screen, styleTag(s.th.status)+tview.Escape(s.text), x, y, w, tview.AlignLeft, tcell.ColorDefault)
	}
}

// placeStatus runs before each frame, when the width is known: the states
// stay on the bar if they fit beside the keys, else they join the message on
// the status line, which takes a row only when it has text.
func (r *runner) placeStatus(screen tcell.Screen) bool {
	w, _ := screen.Size()
	text := r.message
	r.bar.statusHidden = !r.bar.statusFits(w)
	if r.bar.statusHidden {
		text = joinStatus(text, r.bar.status)
	}
	r.status.text = text
	h := 0
	if text != "" {
		h = 1
	}
	r.layout.ResizeItem(r.status, h, 0)
	return false
}

func joinStatus(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "  " + b
}
