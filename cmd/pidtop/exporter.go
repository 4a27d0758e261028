package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/export"
)

// checkListen refuses what --listen does not combine with: the exporter runs
// alone (no viewer, no batch output), and what selects processes for a
// screen selects nothing for it.
func checkListen(o *options) error {
	if _, _, err := net.SplitHostPort(o.listen); err != nil {
		return fmt.Errorf("--listen %q: want HOST:PORT, e.g. 127.0.0.1:9256 (%v)", o.listen, err)
	}
	changed := func(name string) bool { return o.changed != nil && o.changed(name) }
	for _, name := range []string{"batch", "json", "max-iterations", "pid", "user", "filter", "sort-key",
		"sort-reverse", "fields", "tree", "threads", "highlight-changes"} {
		if changed(name) {
			return fmt.Errorf("--listen serves every process as metrics and runs without the viewer; it does not combine with --%s", name)
		}
	}
	return nil
}

// exporterConfig is the metrics exporter's part of the settings.
func exporterConfig(e config.Exporter) export.Config {
	c := export.Config{GroupBy: e.GroupBy, TopK: e.TopK, MaxGroups: e.MaxGroups, IO: e.IO, CtxtSw: e.CtxtSw, PSS: e.PSS}
	for _, r := range e.Groups {
		c.Rules = append(c.Rules, export.Rule{Name: r.Name, Comm: r.Comm, Cmdline: r.Cmdline})
	}
	return c
}

// runExporter serves metrics on o.listen until ctx is done. It never draws,
// acts on no process (as --readonly) and starts no program; at most one
// collection per refresh interval (-d) whatever the scrapers do.
func runExporter(ctx context.Context, o options, set config.Settings, stderr io.Writer) error {
	// Bind first: a wrong address is told at once, not after a first read
	// of every process; a scrape meanwhile waits in the accept queue.
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", o.listen)
	if err != nil {
		return fmt.Errorf("--listen: %w", err)
	}
	defer ln.Close()
	interval := time.Duration(set.Delay) * 100 * time.Millisecond
	srv, err := export.NewServer(exporterConfig(set.Exporter), interval)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stderr, "pidtop: serving metrics at http://%s/metrics%s\n", ln.Addr(), allInterfaces(ln.Addr()))
	err = export.Serve(ctx, ln, srv)
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil
	}
	return err
}

// allInterfaces warns when the address is every interface's.
func allInterfaces(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		return " (every interface: anyone who can reach this machine can read its process names)"
	}
	return ""
}
