package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// ownKey ends the help line of a key that is pidtop's own rather than
// htop's: the help screen and the README tell the two apart.
const ownKey = " [pidtop]"

// openCommand is htop's w: the selected process's whole command line,
// wrapped at word boundaries to the screen's width, scrolled with the arrows
// and PgUp/PgDn; Esc, q, F10 or Enter return. The text is the snapshot's,
// sanitized like the table's.
func (r *runner) openCommand() {
	p := r.v.selected()
	if p == nil {
		r.setMessage("no process selected")
		return
	}
	text := p.Cmdline()
	if text == "" {
		text = "[" + p.Name + "]" // a kernel thread, or a zombie: no argv
	}
	tv := tview.NewTextView().SetWrap(true).SetWordWrap(true).SetDynamicColors(false).
		SetText(Sanitize(text))
	tv.SetBackgroundColor(tcell.ColorDefault)
	tv.SetBorder(true).SetTitleAlign(tview.AlignLeft).
		SetTitle(fmt.Sprintf(" Command of process %d - %s (Esc returns) ", p.PID, Sanitize(p.Name)))
	tv.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		switch idOf(ev) {
		case special(tcell.KeyEscape), special(tcell.KeyEnter), ch('q'), special(tcell.KeyF10):
			r.closeOverlay("command")
			return nil
		}
		return ev
	})
	r.overlay("command", tv)
}
