package ui

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
)

// The viewer's remembered state is a config.Settings: the screens with their
// columns and sorts, the display options, the meters. Every change the user
// makes, by a key or in the setup screen, goes through change, which applies
// it here and tells Config.Changed, so the config layer can save the same edit
// into the file's settings (flags given for this run stay out of the file).

// settingsOf returns cfg's settings, htop's defaults when it has none.
func settingsOf(cfg *Config) config.Settings {
	if len(cfg.Settings.Screens) == 0 {
		return config.Defaults()
	}
	return cfg.Settings
}

// activeScreen returns the screen shown.
func (r *runner) activeScreen() *config.Screen {
	return r.set.Active()
}

// editScreen returns an edit that applies f to the screen named name, in
// whichever settings it is given (the run's, or the file's).
func editScreen(name string, f func(sc *config.Screen)) func(*config.Settings) {
	return func(s *config.Settings) {
		for i := range s.Screens {
			if s.Screens[i].Name == name {
				f(&s.Screens[i])
				return
			}
		}
	}
}

// change applies edit to the run's settings, shows the result and hands the
// same edit to Config.Changed. A save that failed is said on the status line.
func (r *runner) change(edit func(*config.Settings)) {
	edit(&r.set)
	if err := r.applySettings(); err != nil {
		r.setMessage(err.Error())
	}
	if r.cfg.Changed != nil {
		if err := r.cfg.Changed(edit); err != nil {
			r.setMessage(saveMessage(err))
		}
	}
	r.refresh()
}

// saveMessage is what the status line says of a failed save.
func saveMessage(err error) string {
	if errors.Is(err, config.ErrChangedOnDisk) {
		return "settings not saved: the config file changed on disk since pidtop read it"
	}
	if msg := err.Error(); strings.HasPrefix(msg, "settings not saved") {
		return msg // cmd's own wording, with the file's path
	}
	return "settings not saved: " + err.Error()
}

// changeScreen applies f to the active screen's settings.
func (r *runner) changeScreen(f func(sc *config.Screen)) {
	r.change(editScreen(r.activeScreen().Name, f))
}

// applySettings makes the view, the feed and the layout show r.set.
func (r *runner) applySettings() error {
	sc := r.activeScreen()
	cols, err := lookupColumns(sc.Columns)
	if err != nil {
		return fmt.Errorf("screen %q: %w", sc.Name, err)
	}
	v := r.v
	v.cols = cols
	v.sortField, _ = field.Lookup(sc.SortKey)
	if v.sortField == nil {
		v.sortField, _ = field.Lookup("cpu_percent")
	}
	v.reverse, v.tree = sc.SortReverse, sc.Tree
	v.merged = r.set.MergedCommand
	v.query.HideKernelThreads = r.set.HideKernelThreads
	v.query.HideThreads = !r.set.ShowThreads
	v.query.HideExited = !r.set.HighlightChanges
	if r.threads != r.set.ShowThreads {
		r.threads = r.set.ShowThreads
		if r.running {
			r.cfg.Feed.SetThreads(r.threads)
			r.cfg.Feed.Refresh()
		}
	}
	if d := time.Duration(r.set.Delay) * 100 * time.Millisecond; d > 0 && d != r.delay {
		r.delay = d
		if r.running {
			r.cfg.Feed.SetInterval(d)
		}
	}
	if cf, ok := r.cfg.Feed.(CmdlineFeed); ok && r.set.CmdlineEveryTick != r.cmdline {
		r.cmdline = r.set.CmdlineEveryTick
		cf.SetCmdlineEveryTick(r.cmdline)
	}
	r.v.highlightFor = 0
	if r.set.HighlightChanges {
		r.v.highlightFor = time.Duration(max(r.set.HighlightSeconds, 1)) * time.Second
	}
	r.content.look = rowLook{
		highlight:    r.set.HighlightChanges,
		baseName:     r.set.HighlightBaseName,
		programPath:  r.set.ShowProgramPath,
		merged:       r.set.MergedCommand,
		shadowOthers: r.set.ShadowOtherUsers,
		uid:          os.Getuid(),
	}
	r.useTheme()
	r.meters.configure(r.set.Left, r.set.Right, r.set.CPUCountFromOne)
	if r.app != nil {
		r.app.EnableMouse(r.set.Mouse)
	}
	r.layoutChanged()
	return nil
}

// layoutChanged sizes the header, the screen tabs and the function bar.
func (r *runner) layoutChanged() {
	if r.layout == nil {
		return
	}
	mh := r.meters.height()
	if r.set.HideMeters {
		mh = 0
	}
	r.layout.ResizeItem(r.meters, mh, 0)
	th := 0
	if len(r.set.Screens) > 1 {
		th = 1
	}
	r.layout.ResizeItem(r.tabs, th, 0)
	bh := 1
	if r.set.HideFunctionBar && r.prompt == promptNone {
		bh = 0
	}
	r.layout.ResizeItem(r.bottom, bh, 0)
}

// switchScreen shows the next (+1) or previous (-1) screen (Tab, Shift-Tab).
func (r *runner) switchScreen(d int) {
	n := len(r.set.Screens)
	if n < 2 {
		return
	}
	i := (r.set.ScreenIndex(r.set.ActiveScreen) + d + n) % n
	name := r.set.Screens[i].Name
	r.change(func(s *config.Settings) { s.ActiveScreen = name })
}

// sortBy sorts the active screen by a field in its natural direction (P, M, T,
// N, F6).
func (r *runner) sortBy(id string) {
	f, ok := field.Lookup(id)
	if !ok {
		return
	}
	r.changeScreen(func(sc *config.Screen) { sc.SortKey, sc.SortReverse = f.ID, false })
}

// titleClicked sorts by a clicked column; clicking the sort column inverts.
func (r *runner) titleClicked(col *column) {
	if r.v.sortField == col.f {
		r.invertSort()
		return
	}
	r.sortBy(col.f.ID)
}

// invertSort turns the sort around (I).
func (r *runner) invertSort() {
	rev := !r.v.reverse
	r.changeScreen(func(sc *config.Screen) { sc.SortReverse = rev })
}

// toggleTree switches the active screen between list and tree (F5, t).
func (r *runner) toggleTree() {
	tree := !r.v.tree
	r.changeScreen(func(sc *config.Screen) { sc.Tree = tree })
}

func (r *runner) toggleThreads() {
	show := !r.set.ShowThreads
	r.change(func(s *config.Settings) { s.ShowThreads = show })
}

func (r *runner) toggleKernelThreads() {
	hide := !r.set.HideKernelThreads
	r.change(func(s *config.Settings) { s.HideKernelThreads = hide })
}

func (r *runner) toggleMeters() {
	hide := !r.set.HideMeters
	r.change(func(s *config.Settings) { s.HideMeters = hide })
}

// screenNames are the screens' names in order, for the tabs line.
func (r *runner) screenNames() []string {
	names := make([]string, len(r.set.Screens))
	for i, sc := range r.set.Screens {
		names[i] = sc.Name
	}
	return slices.Clip(names)
}

// toggleProgramPath is htop's p: the command's first word with or without its
// directory.
func (r *runner) toggleProgramPath() {
	show := !r.set.ShowProgramPath
	r.change(func(s *config.Settings) { s.ShowProgramPath = show })
}

// toggleMerged is htop's m: exe, comm and command line merged in Command.
func (r *runner) toggleMerged() {
	merged := !r.set.MergedCommand
	r.change(func(s *config.Settings) { s.MergedCommand = merged })
}
