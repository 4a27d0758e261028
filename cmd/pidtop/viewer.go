package main

import (
	"context"
	"errors"
	"github.com/pidtop/pidtop/internal/config"
	"math"
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
		LightFirst: o.filter == "" && layer.On(layer.LightFirst), // a filter matches every command line
		FirstRows:  firstRows(o, &set, termHeight()),
		SkipIdle:   layer.On(layer.SkipIdle),
		AfterTick:  func(*collect.Snapshot) { afterTick() },
		PollTimer:  layer.On(layer.PollTimer),
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

// tuneRuntime sets the runtime up for the first tick and returns what runs after
// each tick (AfterTick). A GOMAXPROCS, GOGC or GOMEMLIMIT in the environment
// wins over what is set here.
//
// Until the first snapshot is out, the first frame waits on it: the collector
// and the UI's start run side by side on every P, and the garbage collector is
// off (nearly everything the first pass allocates lives on: the records, the
// per-process state). A memory limit stands in for it should a machine with a
// very large process table need one. Measured at 5,000 processes (tmux, 5
// starts each, a phase trace): the first half of the pass took 62-107 ms with
// GOGC 25 and 27-66 with the collector off.
//
// After the first tick the viewer's goroutines (collector, snapshot pump, event
// loop, terminal reader) run on one P. Each refresh hands a snapshot from
// goroutine to goroutine; with two Ps every hand-off could wake another thread
// (a futex wake, a context switch). Measured at 5,000 processes in tmux (1 s
// refresh, /tmp A/B runs, procmon): voluntary context switches 49 → 15 and
// 22 → 14 per second, CPU per refresh unchanged within the noise. A key pressed
// during a collection waits at most for the collector's next preemption
// (10 ms). The collector comes back on at viewerGCPercent; from the second tick
// on, fitMemoryLimit sets GOGC and the memory limit from the live heap, which
// the first collection has measured by then.
func tuneRuntime() (afterTick func()) {
	procs := os.Getenv("GOMAXPROCS") == "" && layer.On(layer.OneProc)
	gc := os.Getenv("GOGC") == "" && layer.On(layer.StartGC)
	limit := layer.On(layer.MemLimit)
	if gc {
		debug.SetGCPercent(-1)
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(firstTickLimit)
		}
	}
	ticks := 0
	return func() {
		ticks++
		if ticks > 1 {
			if limit {
				fitMemoryLimit()
			}
			return
		}
		if procs {
			runtime.GOMAXPROCS(1)
		}
		switch {
		case limit && os.Getenv("GOGC") == "":
			debug.SetGCPercent(viewerGCPercent)
		case gc:
			debug.SetGCPercent(100) // the runtime's default
			if os.Getenv("GOMEMLIMIT") == "" {
				debug.SetMemoryLimit(math.MaxInt64)
			}
		}
	}
}

// firstTickLimit is the soft memory limit while the collector is off for the
// first tick: far above what a first pass over 20,000 processes allocates
// (about 40 MiB).
const firstTickLimit = 256 << 20

// viewerGCPercent is the viewer's GOGC after the first tick, until
// fitMemoryLimit sets it for a fixed headroom over the live heap. At Go's
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
