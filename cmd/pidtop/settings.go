package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
)

// settingsStore keeps the two sets of settings of a viewer run: the file's, with
// the user's changes made during the run (what is saved), and the run's, which
// are the same with the flags applied (what is shown). A flag changes the run's
// alone, so it never reaches the file.
type settingsStore struct {
	mu       sync.Mutex
	saved    config.Settings // the file's, plus the user's changes
	file     *config.File    // nil: --no-config, or no place for a file
	dirty    bool
	problems []config.Problem
}

// loadSettings reads the config file (none with --no-config) and returns the
// store and the run's settings.
func loadSettings(o options) (*settingsStore, config.Settings) {
	st := &settingsStore{saved: config.Defaults()}
	if !o.noConfig {
		path, err := config.Path(o.configPath, os.Getenv)
		if err == nil {
			st.saved, st.file, st.problems = config.Load(path)
		}
	}
	return st, o.applyTo(clone(st.saved))
}

// clone copies s deeply enough that editing one's screens leaves the other's.
func clone(s config.Settings) config.Settings {
	s.Screens = append([]config.Screen(nil), s.Screens...)
	for i := range s.Screens {
		s.Screens[i].Columns = append([]string(nil), s.Screens[i].Columns...)
	}
	s.Left = append([]config.Meter(nil), s.Left...)
	s.Right = append([]config.Meter(nil), s.Right...)
	return s
}

// applyTo applies the flags given to settings s, for this run.
func (o options) applyTo(s config.Settings) config.Settings {
	given := func(name string) bool { return o.changed != nil && o.changed(name) }
	sc := s.Active()
	if given("fields") {
		sc.Columns = field.IDs(o.fields)
	}
	if given("sort-key") {
		f, _ := field.Lookup(o.sortKey)
		sc.SortKey = f.ID
	}
	if given("sort-reverse") {
		sc.SortReverse = o.sortReverse
	}
	if given("tree") {
		sc.Tree = o.tree
	}
	if given("delay") {
		s.Delay = int(o.delay / (100 * time.Millisecond))
	}
	if given("threads") {
		s.ShowThreads = o.threads
	}
	if given("cmdline-every-tick") {
		s.CmdlineEveryTick = o.cmdEvery
	}
	if given("highlight-changes") {
		s.HighlightChanges = true
		s.HighlightSeconds = max(int(o.highlight/time.Second), 1)
	}
	if o.noColor || os.Getenv("NO_COLOR") != "" {
		s.ColorScheme = "monochrome"
	}
	if o.noMouse {
		s.Mouse = false
	}
	if o.noMeters {
		s.HideMeters = true
	}
	if o.noFuncBar {
		s.HideFunctionBar = true
	}
	if given("grace") {
		s.Grace = max(int(o.grace/time.Second), 1)
	}
	return s
}

// change applies a change the user made during the run to the settings to
// save. Called on the UI goroutine: it does no I/O.
func (st *settingsStore) change(edit func(*config.Settings)) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	edit(&st.saved)
	st.dirty = true
	return nil
}

// save writes the settings if the user changed any: when the setup screen
// closes and when the viewer ends (q, Ctrl-C, SIGTERM, SIGHUP, a crash).
func (st *settingsStore) save() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.dirty || st.file == nil {
		return nil
	}
	if err := st.file.Save(st.saved); err != nil {
		return fmt.Errorf("settings not saved to %s: %w", st.file.Path(), err)
	}
	st.dirty = false
	return nil
}

// notice is what the viewer's status line says of the config file at start:
// its first problem, and how many more there are.
func (st *settingsStore) notice() string {
	switch n := len(st.problems); n {
	case 0:
		return ""
	case 1:
		return st.problems[0].Error()
	default:
		return fmt.Sprintf("%s (and %d more problems in the file; their entries use the defaults)", st.problems[0].Error(), n-1)
	}
}
