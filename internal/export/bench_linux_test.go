package export

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/layer"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkScrape compares one scrape (a collection and its exposition) with
// one steady refresh of the viewer on the same machine, in CPU time per
// operation. Run it beside bench/cmd/spawn for a full process table:
//
//	go test -run '^$' -bench Scrape -benchtime 20x ./internal/export
func BenchmarkScrape(b *testing.B) {
	b.Run("viewer-refresh", benchViewerRefresh)
	for _, c := range []struct {
		name string
		cfg  Config
	}{
		{"exporter-default", defaultBenchConfig()},
		{"exporter-no-io-ctxt", Config{TopK: 10}},
		{"exporter-pss", func() Config { c := defaultBenchConfig(); c.PSS = true; return c }()},
	} {
		b.Run(c.name, func(b *testing.B) { benchExporter(b, c.cfg) })
	}
	// The exporter's layers, each switched off (internal/layer): their rows.
	for _, id := range []layer.ID{layer.KeepIdle, layer.SkipIdle} {
		b.Run("exporter-default-"+layer.All[id].Name+"-off", func(b *testing.B) {
			defer layer.Set(id, false)()
			benchExporter(b, defaultBenchConfig())
		})
	}
}

// defaultBenchConfig is config.Defaults()'s exporter section.
func defaultBenchConfig() Config { return Config{TopK: 10, IO: true, CtxtSw: true} }

// benchViewerRefresh is the viewer's steady tick: statm for a screenful of
// rows, command lines once, idle processes' stat left unread (SkipIdle),
// the replaced snapshot released.
func benchViewerRefresh(b *testing.B) {
	c, err := collect.New(collect.Config{Needs: collect.NeedShrShown | collect.NeedCmdline, SkipIdle: true})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	var shown []int32
	for _, p := range c.Collect().Procs {
		if len(shown) < 50 && !p.Is(collect.FlagKernelThread) {
			shown = append(shown, p.PID)
		}
	}
	c.SetShown(shown)
	c.Collect()
	procs := 0
	cpu0 := cpuNow()
	for b.Loop() {
		s := c.Collect()
		procs += len(s.Procs)
	}
	b.ReportMetric(float64(cpuNow()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(procs)/float64(b.N), "procs")
}

func benchExporter(b *testing.B, cfg Config) {
	srv, err := NewServer(cfg, 0) // every call collects
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	srv.Exposition(Text)
	var body []byte
	cpu0 := cpuNow()
	for b.Loop() {
		body = srv.Exposition(Text)
	}
	b.ReportMetric(float64(cpuNow()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(srv.snap.Cost.Read), "procs")
	b.ReportMetric(float64(bytes.Count(body, []byte("\n"))-2*bytes.Count(body, []byte("\n# TYPE"))), "series")
	b.ReportMetric(float64(len(body)), "bytes")
}
