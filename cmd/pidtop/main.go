// Command pidtop is an interactive process viewer; with -b, --json or --csv it prints
// snapshots instead of drawing them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/pidtop/pidtop/internal/caps"
	"github.com/pidtop/pidtop/internal/layer"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is main without the exit, for tests: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stdout)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "pidtop: %v\nTry 'pidtop --help' for more information.\n", err)
		return 2
	}
	// The optimisation layers to switch off (internal/layer), for the bench.
	if err := layer.Load(os.Getenv("PIDTOP_OFF")); err != nil {
		fmt.Fprintln(stderr, "pidtop:", err)
		return 2
	}
	if o.version {
		fmt.Fprintln(stdout, "pidtop", versionString())
		return 0
	}
	// Before anything is read or drawn, as htop. The default in a cgo build
	// (go test's) cannot reach every thread and is skipped; asked for
	// explicitly, it must happen or the run does not.
	if err := caps.Drop(o.caps); err != nil && (o.changed("drop-capabilities") || !errors.Is(err, caps.ErrThreads)) {
		fmt.Fprintln(stderr, "pidtop:", err)
		return 1
	}
	if o.user, err = resolveUser(o.user); err != nil {
		fmt.Fprintln(stderr, "pidtop:", err)
		return 1
	}
	// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the run through ctx, so the viewer
	// restores the terminal; SIGQUIT too, as htop, rather than Go's goroutine
	// dump on a raw terminal (the viewer handles the other dumping signals, see
	// ui.Run). Asking for SIGPIPE turns a closed stdout into an EPIPE error,
	// which batch mode treats as a quiet end, instead of death by signal.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer stop()
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	if o.listen != "" {
		store, set := loadSettings(o)
		for _, p := range store.problems {
			fmt.Fprintln(stderr, "pidtop:", p)
		}
		err = runExporter(ctx, o, set, stderr)
	} else if o.batch {
		// A problem in the config file: one line each on stderr, and that
		// entry's default; the rest of the file still applies.
		store, set := loadSettings(o)
		for _, p := range store.problems {
			fmt.Fprintln(stderr, "pidtop:", p)
		}
		err = runBatch(ctx, o, set, stdout)
	} else {
		err = runViewer(ctx, o)
	}
	if err != nil {
		fmt.Fprintln(stderr, "pidtop:", err)
		return 1
	}
	return 0
}
