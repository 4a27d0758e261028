package ui

import (
	"context"
	"fmt"
	"github.com/pidtop/pidtop/internal/config"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/screen"
)

// Feed is where the viewer gets its snapshots and how it steers the collector
// (*collect.Collector satisfies it). Every method but Snapshots is a message to
// the collector and must not block.
type Feed interface {
	Snapshots() <-chan *collect.Snapshot
	SetInterval(time.Duration)
	Pause(bool)
	Refresh()
	SetThreads(bool)
	SetNeeds(collect.Needs)
}

// CmdlineFeed is a Feed that can re-read command lines every tick, for the
// setting of that name; *collect.Collector is one.
type CmdlineFeed interface {
	SetCmdlineEveryTick(bool)
}

// ShownFeed is a Feed that can read some figures (Linux: statm, for SHR and the
// exact RES) only for the rows on screen; *collect.Collector is one. After each
// frame the viewer names the processes it drew (SetShown, for the next tick),
// and asks for a row that came on screen between two ticks to be read (Fill):
// done gets the filled copies of ps, on the feed's goroutine, unless Fill
// returns false (the feed is busy: ask again later).
type ShownFeed interface {
	SetShown(pids []int32)
	Fill(ps []collect.Process, memTotal uint64, done func([]collect.Process)) bool
}

// Config is everything Run needs. The zero value of each field is htop's default.
type Config struct {
	Feed   Feed         // required
	Screen tcell.Screen // nil: the real terminal (tests pass a tcell.SimulationScreen)

	// Settings are what the viewer shows and how: screens with their columns
	// and sorts, display options, meters, colours (the config file's, with this
	// run's flags applied). Without screens: config.Defaults().
	Settings config.Settings
	// Changed, when set, is told of every change the user makes to Settings
	// (a sort, t, H, K, Tab, #, the setup screen), as an edit to apply to the
	// settings it saves; an error it returns is shown on the status line.
	Changed func(edit func(*config.Settings)) error
	// Save, when set, writes the changed settings; the setup screen calls it
	// when it closes, and an error it returns is shown on the status line.
	Save func() error
	// Notices are said on the status line at start, after the terminal's own
	// (an unknown TERM): a problem in the config file, a low open-file limit.
	// Empty ones are skipped.
	Notices []string

	Filter string
	User   string  // show only this user's processes (name or UID)
	PIDs   []int32 // show only these processes

	NoColor   bool // monochrome, as with NO_COLOR set
	NoUnicode bool // only ASCII reaches the terminal (-U); also without a UTF-8 locale
	ReadOnly  bool // Bindings that change processes are disabled
	// MaxIterations ends the viewer after that many snapshots (htop's -n); 0:
	// until the user quits.
	MaxIterations int

	// Bindings are extra keys (the actions: signal menu, renice, wait). A binding
	// listed here appears in the help screen and, for F-keys, the function bar.
	Bindings []Binding
	// Inspector reads the details pane's on-demand facts; nil: this platform's
	// (Linux: /proc), or none.
	Inspector Inspector
	// Viewer reads the per-process views (e, l, x, s); nil: this platform's
	// (Linux: /proc), or one that says the platform has none.
	Viewer ProcViewer
	// AfterDraw, when set, is called on the UI goroutine after every frame with
	// the screen (tests read a SimulationScreen's cells there; latency probes).
	AfterDraw func(tcell.Screen)

	bg *background // the Actions.Background work of this Run; set by Run
	// stop, when set (tests), is what Ctrl-Z runs in place of stopping the
	// process, between giving the terminal back and taking it again.
	stop func()
}

var stylesOnce sync.Once

// Run shows the interactive viewer until the user quits (q, F10, Ctrl-C) or ctx is
// done. The terminal is restored on every exit, a panic included: a panic in the
// viewer is returned as an error carrying its stack. On the real terminal Run
// takes part in the shell's job control: Ctrl-Z or SIGTSTP give the terminal
// back before the process stops, SIGCONT takes it again.
func Run(ctx context.Context, cfg Config) (err error) {
	if cfg.Feed == nil {
		return fmt.Errorf("ui: no feed")
	}
	stylesOnce.Do(func() {
		tview.Styles.PrimitiveBackgroundColor = tcell.ColorDefault
		tview.Styles.PrimaryTextColor = tcell.ColorDefault
		tview.Styles.BorderColor = tcell.ColorDefault
		tview.Styles.TitleColor = tcell.ColorDefault
		tview.Styles.GraphicsColor = tcell.ColorDefault
	})
	cfg.bg = newBackground(ctx)
	defer cfg.bg.abandon() // a normal quit has already stopped it and waited
	var r *runner
	defer func() {
		if p := recover(); p != nil {
			if r != nil {
				r.screen.Fini()
			}
			err = fmt.Errorf("ui: internal error: %v\n%s", p, debug.Stack())
		}
	}()
	if r, err = newRunner(cfg); err != nil {
		return err
	}
	return r.run(ctx)
}

// newScreen opens the terminal. An unknown or missing TERM is retried as
// xterm-256color, which every terminal emulator in use understands.
func newScreen() (tcell.Screen, string, error) {
	s, err := screen.Open()
	if err == nil {
		return s, "", nil
	}
	term := os.Getenv("TERM")
	os.Setenv("TERM", "xterm-256color")
	s, err2 := screen.Open()
	if err2 != nil {
		return nil, "", fmt.Errorf("open terminal: %w (use -b for batch output)", err)
	}
	return s, fmt.Sprintf("TERM=%q is unknown here; using xterm-256color", term), nil
}

// run starts the goroutines, runs the event loop and stops everything.
func (r *runner) run(ctx context.Context) error {
	feed := r.cfg.Feed
	feed.SetNeeds(r.v.needs())
	feed.SetThreads(r.threads)
	if r.delay > 0 {
		feed.SetInterval(r.delay)
	}
	r.running = true
	pumpCtx, stopPump := context.WithCancel(context.Background())
	r.stopPump = stopPump
	go r.pump(pumpCtx, feed.Snapshots())
	go r.watch(ctx)
	r.jobs = r.startJobs(ctx)
	err := r.app.Run()
	r.jobs.close()
	close(r.stopped)
	stopPump()
	select {
	case gerr := <-r.errc:
		return gerr
	default:
	}
	return err
}

// pump hands each snapshot to the UI goroutine. QueueUpdateDraw blocks until the
// UI has applied it, so a slow UI makes the collector drop stale snapshots
// instead of queueing them.
func (r *runner) pump(ctx context.Context, snaps <-chan *collect.Snapshot) {
	defer close(r.pumpDone)
	defer r.recoverGo()
	for {
		select {
		case <-ctx.Done():
			return
		case s, ok := <-snaps:
			if !ok {
				r.app.QueueUpdateDraw(func() { r.setMessage("the collector stopped: figures are frozen") })
				return
			}
			r.app.QueueUpdateDraw(func() { r.apply(s) })
		}
	}
}

// watch quits when ctx is done (main cancels it on SIGTERM and SIGHUP), once the
// event loop runs.
func (r *runner) watch(ctx context.Context) {
	defer r.recoverGo()
	select {
	case <-r.started:
	case <-r.stopped:
		return
	}
	select {
	case <-ctx.Done():
		r.quit()
	case <-r.stopped:
	}
}

// quit stops the viewer; safe from any goroutine, any number of times. The pump
// is stopped first (it may be waiting for the UI goroutine, which stays free
// because the stopping happens on another goroutine), then the background work
// is cancelled and waited for (it may post its last message), then the
// application.
func (r *runner) quit() {
	r.quitOnce.Do(func() {
		go func() {
			r.stopPump()
			<-r.pumpDone
			r.cfg.bg.stop()
			r.app.Stop()
		}()
	})
}

// recoverGo turns a panic in one of Run's goroutines into Run's error, after
// restoring the terminal.
func (r *runner) recoverGo() {
	if p := recover(); p != nil {
		select {
		case r.errc <- fmt.Errorf("ui: internal error: %v\n%s", p, debug.Stack()):
		default:
		}
		r.app.Stop()
	}
}

// post runs f on the UI goroutine and redraws; for goroutines other than the
// event loop's (it would deadlock there). After the viewer stopped it does nothing.
func (r *runner) post(f func()) {
	select {
	case <-r.stopped:
		return
	default:
	}
	r.app.QueueUpdateDraw(f)
}
