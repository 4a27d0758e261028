package main

import (
	"context"
	"errors"
	"os"
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
	c, err := collect.New(collect.Config{
		Interval:      o.delay,
		Threads:       o.threads,
		Needs:         collect.NeedShr | collect.NeedCmdline, // the default columns; the viewer sets its own next
		FirstInterval: firstInterval,
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
