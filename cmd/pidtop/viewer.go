package main

import (
	"context"
	"errors"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/pidtop/pidtop/internal/collect"
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
	singleThread()
	c, err := collect.New(collect.Config{
		Interval:         o.delay,
		Threads:          o.threads,
		CmdlineEveryTick: o.cmdEvery,
		Needs:            viewerNeeds(o), // the default columns; the viewer sets its own next
		FirstInterval:    firstInterval,
		// The first frame waits for the first tick; the command lines of the
		// rows on screen are read by the viewer. Not with a filter, which
		// matches the command lines of every process.
		LightFirst: o.filter == "",
		// Processes that have not run since the last tick keep their record:
		// a schedstat read instead of a stat read.
		SkipIdle:  true,
		AfterTick: func(*collect.Snapshot) { fitMemoryLimit() },
	})
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
		Feed:        c,
		SortKey:     o.sortKey,
		SortReverse: o.sortReverse,
		Tree:        o.tree,
		User:        o.user,
		Filter:      o.filter,
		PIDs:        o.pids,
		Threads:     o.threads,
		NoColor:     o.noColor,
		ReadOnly:    o.readOnly,
		NoMouse:     o.noMouse,
		Bindings:    actionBindings(o),
	})
	cancel()
	wg.Wait()
	c.Close()
	return err
}

// singleThread runs the viewer's goroutines (collector, snapshot pump, event
// loop, terminal reader) on one P, unless GOMAXPROCS is set. Each refresh hands
// a snapshot from goroutine to goroutine; with two Ps every hand-off could wake
// another thread (a futex wake, a context switch). Measured at 5,000 processes
// in tmux (1 s refresh, /tmp A/B runs, procmon): voluntary context switches
// 49 → 15 and 22 → 14 per second, CPU per refresh unchanged within the noise.
// A key pressed during a collection waits at most for the collector's next
// preemption (10 ms).
func singleThread() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(viewerGCPercent)
	}
}

// viewerGCPercent is the viewer's GOGC until its first tick; after each tick
// fitMemoryLimit sets it for a fixed headroom over the live heap. At Go's
// default of 100 the heap grew to twice the live set between collections.
const viewerGCPercent = 25

// viewerNeeds is what the first tick reads, before the viewer says what its
// columns need: statm for the rows on screen only (the viewer reads the first
// screenful itself), or for every process when the sort is by memory.
func viewerNeeds(o options) collect.Needs {
	switch strings.ToLower(o.sortKey) {
	case "res", "mem", "shr":
		return collect.NeedShr | collect.NeedCmdline
	}
	return collect.NeedShrShown | collect.NeedCmdline
}
