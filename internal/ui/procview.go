package ui

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/pidtop/pidtop/internal/collect"
)

// ViewKind names one of the per-process views.
type ViewKind uint8

const (
	ViewEnviron  ViewKind = iota // e: the environment
	ViewFiles                    // l: open files, sockets, mapped files
	ViewLocks                    // x: file locks
	ViewActivity                 // s: system call, wait channel, stack, threads (live)
)

// viewTitles are the pages' titles, by kind.
var viewTitles = [...]string{ViewEnviron: "Environment", ViewFiles: "Open files", ViewLocks: "File locks",
	ViewActivity: "Activity (live)"}

// ProcViewer reads a per-process view, off the UI goroutine (a read may block
// on a process stuck in the kernel). Tests and other platforms may give their own.
type ProcViewer interface {
	ReadView(kind ViewKind, id collect.ID) (ViewText, error)
}

// ViewText is a view as lines. They are the process's and the kernel's text:
// the page sanitizes them.
type ViewText struct {
	Header string // column titles kept on screen while the lines scroll; "" for none
	Lines  []string
}

// procView is the open per-process view: what it shows and whether a read of
// it is under way.
type procView struct {
	kind    ViewKind
	id      collect.ID
	page    *textPage
	reading bool
}

// openView shows a view of the selected process and reads it.
func (r *runner) openView(kind ViewKind) {
	p := r.v.selected()
	if p == nil {
		return
	}
	title := fmt.Sprintf("%s of %d %s — / search, Esc to return", viewTitles[kind], p.PID, p.Name)
	pv := &procView{kind: kind, id: p.ID}
	pv.page = newTextPage(r.th, title, func() {
		r.view = nil
		r.closeOverlay("view")
	})
	pv.page.note = "reading…"
	pv.page.reload = func() { r.readView(pv) }
	r.pages.RemovePage("view")
	r.overlay("view", pv.page)
	r.view = pv
	r.readView(pv)
}

// readView reads the open view off the UI goroutine and shows it when it
// arrives, if the view is still open.
func (r *runner) readView(pv *procView) {
	if pv.reading {
		return
	}
	pv.reading = true
	vr := r.cfg.Viewer
	if vr == nil {
		vr = platformViewer()
	}
	go func() {
		defer r.recoverGo()
		t, err := vr.ReadView(pv.kind, pv.id)
		r.post(func() {
			pv.reading = false
			if r.view != pv {
				return
			}
			switch {
			case err == nil:
				pv.page.set(t.Header, t.Lines, "")
			case len(pv.page.lines) > 0:
				pv.page.note = viewError(err) // a live view keeps its last reading
			default:
				pv.page.set("", nil, viewError(err))
			}
		})
	}()
}

// liveViews re-reads an open live view; run for every snapshot.
func (r *runner) liveViews() {
	if r.view != nil && r.view.kind == ViewActivity {
		r.readView(r.view)
	}
}

// viewError says why a view could not be read.
func viewError(err error) string {
	switch {
	case errors.Is(err, ErrExited), errors.Is(err, collect.ErrExited):
		return "the process has exited"
	case errors.Is(err, collect.ErrNoView):
		return "not supported here: " + err.Error()
	case errors.Is(err, fs.ErrPermission):
		return "cannot read: " + err.Error() + " (another user's process: root may read it)"
	}
	return "cannot read: " + err.Error()
}
