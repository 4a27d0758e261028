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
	tv.SetInputCapture(r.closeKeys("command"))
	r.overlay("command", tv)
}

// closeKeys is the input capture of a text overlay: Esc, Enter, q or F10
// closes it; other keys (the arrows, PgUp/PgDn) scroll it.
func (r *runner) closeKeys(name string) func(ev *tcell.EventKey) *tcell.EventKey {
	return func(ev *tcell.EventKey) *tcell.EventKey {
		switch idOf(ev) {
		case special(tcell.KeyEscape), special(tcell.KeyEnter), ch('q'), special(tcell.KeyF10):
			r.closeOverlay(name)
			return nil
		}
		return ev
	}
}
