package main

import (
	"context"
	"errors"
	"github.com/pidtop/pidtop/internal/config"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/layer"
	"github.com/pidtop/pidtop/internal/ui"
)

// errNoTerminal is what pidtop says when it cannot draw.
var errNoTerminal = errors.New("standard input and output must be a terminal for the viewer; use -b (or --json) for batch output")

// runViewer starts the collector and the interactive viewer, and stops the
// collector (closing its descriptors) when the viewer returns.
func runViewer(ctx context.Context, o options) error {
	if !term.IsTerminal(int(os.Stdin.Fd())) || !term.IsTerminal(int(os.Stdout.Fd())) {
		return errNoTerminal
	}
	store, set := loadSettings(o)
	afterTick := tuneRuntime()
	cfg := collect.Config{
		Interval:         time.Duration(set.Delay) * 100 * time.Millisecond,
		Threads:          set.ShowThreads,
		CmdlineEveryTick: set.CmdlineEveryTick,
		Needs:            ui.FirstNeeds(&set), // the first screen's; the viewer sets its own next
		FirstInterval:    firstInterval,
		// Each layer's doc is in internal/layer.
		FirstRows: firstRows(o, &set, termHeight()),
		SkipIdle:  layer.On(layer.SkipIdle),
		AfterTick: func(*collect.Snapshot) { afterTick() },
	}
	c, err := collect.New(cfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.Run(ctx)
	}()
	err = ui.Run(ctx, ui.Config{
		Feed:          c,
		Settings:      set,
		Changed:       store.change,
		Save:          store.save,
		Notices:       []string{store.notice(), collect.LimitNotice()},
		User:          o.user,
		Filter:        o.filter,
		PIDs:          o.pids,
		NoColor:       o.noColor,
		NoUnicode:     o.noUnicode,
		ReadOnly:      o.readOnly,
		MaxIterations: o.iterations,
		Bindings:      actionBindings(time.Duration(set.Grace) * time.Second),
	})
	cancel()
	wg.Wait()
	c.Close()
	// Whichever way the viewer ended (q, Ctrl-C, SIGTERM, SIGHUP, a panic
	// turned into err), the terminal is restored by now and the user's
	// changes are saved.
	if serr := store.save(); serr != nil {
		err = errors.Join(err, serr)
	}
	return err
}

// tuneRuntime returns what runs after each tick (AfterTick). From the first
// tick on, the viewer's goroutines (collector, snapshot pump, event loop,
// terminal reader) run on one P (the oneproc layer): each refresh hands a
// snapshot from goroutine to goroutine, and with two Ps every hand-off could
// wake another thread; a key pressed during a tick waits at most for the
// collector's next preemption (10 ms). The first tick runs on every P: the
// first frame waits on it. From the second tick on, the gcroom layer sets
// GOGC from the live heap (fitMemory), which the first collection has
// measured by then; until then GOGC is viewerGCPercent. A GOMAXPROCS or GOGC
// in the environment wins.
func tuneRuntime() (afterTick func()) {
	procs := os.Getenv("GOMAXPROCS") == "" && layer.On(layer.OneProc)
	room := layer.On(layer.GCRoom)
	ticks := 0
	return func() {
		ticks++
		switch {
		case ticks > 1 && room:
			fitMemory()
		case ticks == 1:
			if procs {
				runtime.GOMAXPROCS(1)
			}
			if room && os.Getenv("GOGC") == "" {
				debug.SetGCPercent(viewerGCPercent)
			}
		}
	}
}

// viewerGCPercent is the viewer's GOGC after the first tick, until
// fitMemory sets it for a fixed headroom over the live heap. At Go's
// default of 100 the heap grew to twice the live set between collections.
const viewerGCPercent = 25

// firstRows is how many processes the collector's first look reads
// (collect.Config.FirstRows): a screenful when the first frame shows the
// lowest PIDs, 0 otherwise. It does when the table is sorted by CPU% (every
// process ties at 0 until the second snapshot, and ties go by PID) or by PID
// ascending, is not a tree, and nothing filters it; kernel threads are hidden
// at the start. The screen's height is rows enough: the header takes some.
func firstRows(o options, s *config.Settings, height int) int {
	sc := s.Active()
	if !layer.On(layer.FirstLook) || sc.Tree || s.ShowThreads || o.filter != "" || o.user != "" || len(o.pids) > 0 {
		return 0
	}
	switch sc.SortKey {
	case "", "cpu_percent":
	case "pid":
		if sc.SortReverse {
			return 0
		}
	default:
		return 0
	}
	return min(max(height, 0), 500)
}

// termHeight is the terminal's height in lines, 0 when unknown.
func termHeight() int {
	_, h, err := term.GetSize(int(os.Stdout.Fd()))
	if err != nil {
		return 0
	}
	return h
}
