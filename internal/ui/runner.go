package ui

import (
	"context"
	"fmt"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/screen"
	psort "github.com/pidtop/pidtop/internal/sort"
)

// runner is one Run: the widgets, the model, and the goroutines' plumbing. Its
// fields are touched only on the UI goroutine, except those marked.
type runner struct {
	cfg     Config
	app     *tview.Application // safe from any goroutine
	screen  tcell.Screen
	th      *theme
	v       *view
	keys    map[keyID]func()
	content *content
	table   *tview.Table
	ptable  *procTable // table, drawn with the rows' text and scrolled sideways
	meters  *meters
	bar     *keyBar
	status  *statusLine // above the bar, while there is a message
	input   *tview.InputField
	bottom  *tview.Pages // "keys" or "prompt"
	pages   *tview.Pages // "main" and the overlays: "help", "details", "menu"
	layout  *tview.Flex

	prompt       promptKind // the open prompt, if any
	searchMissed bool       // the open search has no match yet: retry it on the next snapshot
	saved        collect.ID // the selection before a search, restored by Esc
	message      string     // one-line message, until the next key
	pidTyped     digits     // digits typed in the list: the PID searched for
	paused       bool
	threads      bool          // the feed lists threads (Settings.ShowThreads, once applied)
	cmdline      bool          // the feed re-reads command lines every tick (Settings.CmdlineEveryTick)
	delay        time.Duration // the feed's interval (Settings.Delay, once applied)
	running      bool          // run has started the feed: changes go to it
	set          config.Settings
	tabs         *tabsBar
	iterations   int // snapshots applied, for Config.MaxIterations
	needs        collect.Needs
	setting      bool // selecting programmatically: ignore the table's callback
	details      collect.ID
	view         *procView // the open per-process view (e, l, x, s), if any

	// Plumbing between goroutines.
	started   chan struct{} // closed after the first frame
	startOnce sync.Once
	stopped   chan struct{} // closed when the event loop has returned
	pumpDone  chan struct{}
	stopPump  context.CancelFunc
	quitOnce  sync.Once
	errc      chan error  // a panic in one of Run's goroutines
	jobs      *jobControl // nil: no job control (a test's screen, Windows)
}

func newRunner(cfg Config) (*runner, error) {
	v := newView()
	if sf, ok := cfg.Feed.(ShownFeed); ok {
		v.fill = sf.Fill // before the first needs()
	}
	set := settingsOf(&cfg)
	for _, sc := range set.Screens {
		if _, err := lookupColumns(sc.Columns); err != nil {
			return nil, fmt.Errorf("screen %q: %w", sc.Name, err)
		}
		if _, ok := field.Lookup(sc.SortKey); !ok && sc.SortKey != "" {
			return nil, fmt.Errorf("screen %q: sort key: %w", sc.Name, &field.UnknownError{Name: sc.SortKey})
		}
	}
	v.query = psort.Query{Filter: cfg.Filter, User: cfg.User, PIDs: cfg.PIDs}

	r := &runner{cfg: cfg, v: v, set: set, started: make(chan struct{}),
		stopped: make(chan struct{}), pumpDone: make(chan struct{}), errc: make(chan error, 1)}
	r.screen = cfg.Screen
	var note string
	var err error
	if r.screen == nil {
		if r.screen, note, err = newScreen(); err != nil {
			return nil, err
		}
	}
	r.screen = &initOnce{Screen: screen.NewFrame(r.screen, cfg.NoUnicode || !screen.UnicodeLocale(os.Getenv))}
	if err := r.screen.Init(); err != nil {
		return nil, fmt.Errorf("cannot use the terminal: %w (use -b for batch output)", err)
	}
	r.app = tview.NewApplication()
	r.app.SetScreen(r.screen) // colours are known from here on
	r.th = pickTheme(cfg.NoColor || set.ColorScheme == "monochrome", r.screen.Colors())
	r.keys = r.keyTable()
	r.build()
	if err := r.applySettings(); err != nil {
		return nil, err
	}
	notes := []string{note}
	for _, n := range cfg.Notices {
		notes = append(notes, Sanitize(n))
	}
	r.message = strings.Join(slices.DeleteFunc(notes, func(s string) bool { return s == "" }), "; ")
	r.refresh()
	return r, nil
}

// build makes the widgets: header meters, the table, the bottom line, overlays.
func (r *runner) build() {
	r.meters = newMeters(r.th)
	r.content = newContent(r.v, r.th)
	if sf, ok := r.cfg.Feed.(ShownFeed); ok {
		r.v.fill = sf.Fill
		r.v.onFilled = r.content.invalidate
		r.content.setShown = sf.SetShown
		r.content.post = r.post
	}
	r.content.onTitle = r.titleClicked
	r.table = tview.NewTable().SetContent(r.content).SetFixed(1, 0).SetSelectable(true, false)
	r.table.SetSelectedStyle(r.th.selected)
	r.table.SetBackgroundColor(tcell.ColorDefault)
	r.table.SetBordersColor(tcell.ColorDefault) // the column separators
	r.ptable = &procTable{Table: r.table, c: r.content}
	r.table.SetSelectionChangedFunc(func(row, _ int) {
		if !r.setting {
			r.v.choose(row - 1)
		}
	})
	r.bar = newKeyBar(r.th, func(k tcell.Key) {
		if f := r.keys[special(k)]; f != nil {
			f()
		}
	})
	r.input = tview.NewInputField()
	r.input.SetFieldStyle(r.th.prompt).SetLabelStyle(r.th.status)
	r.status = newStatusLine(r.th)
	r.bottom = tview.NewPages().AddPage("keys", r.bar, true, true).AddPage("prompt", r.input, true, false)
	r.tabs = newTabsBar(r.th, func(i int) {
		name := r.set.Screens[i].Name
		r.change(func(s *config.Settings) { s.ActiveScreen = name })
	})
	r.layout = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(r.meters, r.meters.height(), 0, false).
		AddItem(r.tabs, 0, 0, false).
		AddItem(r.ptable, 0, 1, true).
		AddItem(r.status, 0, 0, false).
		AddItem(r.bottom, 1, 0, false)
	r.pages = tview.NewPages().AddPage("main", r.layout, true, true)
	r.app.SetRoot(r.pages, true).SetFocus(r.table)
	r.app.EnableMouse(r.set.Mouse)
	r.app.SetInputCapture(r.capture)
	r.app.SetMouseCapture(r.mouse)
	r.app.SetBeforeDrawFunc(r.placeStatus)
	r.app.SetAfterDrawFunc(func(s tcell.Screen) {
		r.startOnce.Do(func() { close(r.started) })
		if r.cfg.AfterDraw != nil {
			r.cfg.AfterDraw(s)
		}
	})
	r.updateBar()
}

// mouse adjusts mouse events before the widgets see them: nothing but the
// setup screen has a double-click meaning (two clicks are two clicks), and the
// wheel over the table moves the selection, as in htop, rather than scrolling
// away from it.
func (r *runner) mouse(ev *tcell.EventMouse, a tview.MouseAction) (*tcell.EventMouse, tview.MouseAction) {
	switch a {
	case tview.MouseLeftDoubleClick:
		if front, _ := r.pages.GetFrontPage(); front != "setup" {
			a = tview.MouseLeftClick
		}
	case tview.MouseScrollUp, tview.MouseScrollDown:
		front, _ := r.pages.GetFrontPage()
		if x, y := ev.Position(); front == "main" && r.table.InRect(x, y) {
			d := 3
			if a == tview.MouseScrollUp {
				d = -3
			}
			r.moveSelection(d)
			return nil, a
		}
	}
	return ev, a
}

// apply takes a new snapshot (on the UI goroutine).
func (r *runner) apply(s *collect.Snapshot) {
	if r.paused {
		return
	}
	r.v.setSnap(s)
	if !s.Partial {
		r.iterations++
	}
	r.meters.sys = &s.System
	r.refresh()
	r.liveViews()
	// A search typed before its process was listed (the first snapshot of a
	// large machine takes a while; a process may start meanwhile) finds it now.
	if r.prompt == promptSearch && r.searchMissed {
		r.search(r.input.GetText(), false, false)
	}
	if r.cfg.MaxIterations > 0 && r.iterations >= r.cfg.MaxIterations {
		r.quit() // htop's -n: this many refreshes, then exit
	}
}

// refresh recomputes the rows and puts the selection and the layout in order.
func (r *runner) refresh() {
	r.v.rebuild()
	if r.v.lost {
		r.v.lost = false
		r.setMessage("the followed process exited")
	}
	r.content.invalidate()
	r.syncSelection()
	r.layoutChanged()
	r.tabs.set(r.screenNames(), r.set.ScreenIndex(r.set.ActiveScreen))
	if n := r.v.needs(); n != r.needs {
		r.needs = n
		r.cfg.Feed.SetNeeds(n)
	}
	r.updateBar()
}

// syncSelection shows the view's selected row in the table.
func (r *runner) syncSelection() {
	r.setting = true
	r.table.Select(r.v.selRow+1, 0)
	r.setting = false
}

// moveSelection moves the selection by d rows (an explicit choice).
func (r *runner) moveSelection(d int) {
	i := max(0, min(r.v.selRow+d, len(r.v.order)-1))
	r.v.choose(i)
	r.content.invalidate()
	r.syncSelection()
}

// tagsChanged redraws the rows and the tag count.
func (r *runner) tagsChanged() {
	r.content.invalidate()
	r.updateBar()
}

// goTop returns to the first row, which then stays selected as processes move.
func (r *runner) goTop() {
	r.v.sel, r.v.selRow, r.v.follow = collect.ID{}, 0, false
	r.table.ScrollToBeginning()
	r.syncSelection()
	r.updateBar()
}

func (r *runner) toggleFollow() {
	r.v.follow = !r.v.follow
	if r.v.follow {
		if p := r.v.proc(r.v.selRow); p != nil {
			r.v.sel = p.ID
		}
	}
	r.updateBar()
}

func (r *runner) togglePause() {
	r.paused = !r.paused
	r.cfg.Feed.Pause(r.paused)
	r.updateBar()
}

// setMessage shows msg on the status line until the next key.
func (r *runner) setMessage(msg string) {
	r.message = Sanitize(msg)
	r.updateBar()
}

// updateBar sets the function keys and the states beside them (placeStatus
// moves those to the status line when they do not fit).
func (r *runner) updateBar() {
	tree := "Tree"
	if r.v.tree {
		tree = "List"
	}
	keys := []fkey{{key: tcell.KeyF1, label: "Help"}, {key: tcell.KeyF2, label: "Setup"}, {key: tcell.KeyF3, label: "Search"},
		{key: tcell.KeyF4, label: "Filter"}, {key: tcell.KeyF5, label: tree}, {key: tcell.KeyF6, label: "SortBy"}}
	for _, b := range r.cfg.Bindings {
		if b.Key >= tcell.KeyF1 && b.Key <= tcell.KeyF12 && b.Label != "" {
			keys = append(keys, fkey{key: b.Key, label: b.Label, off: b.Changes && r.cfg.ReadOnly})
		}
	}
	keys = append(keys, fkey{key: tcell.KeyF10, label: "Quit"})
	slices.SortStableFunc(keys, func(a, b fkey) int { return int(a.key) - int(b.key) })
	r.bar.keys = keys
	var st []string
	if r.paused {
		st = append(st, "PAUSED")
	}
	if r.v.follow {
		st = append(st, "FOLLOW")
	}
	if r.v.query.User != "" {
		st = append(st, "User: "+Sanitize(r.v.query.User))
	}
	if r.v.query.Filter != "" {
		st = append(st, "Filter: "+Sanitize(r.v.query.Filter))
	}
	if n := len(r.v.tagged); n > 0 {
		st = append(st, fmt.Sprintf("%d tagged", n))
	}
	r.bar.status = strings.Join(st, "  ")
}

// initOnce lets Run initialise the screen itself and see the error, which
// tview's SetScreen (initialising it again) would drop. Once the screen is
// finalized, Show and Sync do nothing: tcell's draw would loop forever over
// the cells that finalizing emptied (a redraw after a stop, Ctrl-L).
type initOnce struct {
	tcell.Screen
	once sync.Once
	err  error
	done atomic.Bool // Fini was called
}

func (s *initOnce) Init() error {
	s.once.Do(func() { s.err = s.Screen.Init() })
	return s.err
}

func (s *initOnce) Fini() {
	s.done.Store(true)
	s.Screen.Fini()
}

func (s *initOnce) Show() {
	if !s.done.Load() {
		s.Screen.Show()
	}
}

func (s *initOnce) Sync() {
	if !s.done.Load() {
		s.Screen.Sync()
	}
}
