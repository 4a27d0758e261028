package ui

import (
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// liveSnapshots collects n real snapshots of this machine with the viewer's
// default needs. For a given N, run `bench/out/spawn N` (see bench/README.md)
// beside the benchmark.
func liveSnapshots(b *testing.B, n int) []*collect.Snapshot {
	c, err := collect.New(collect.Config{Needs: collect.NeedShr | collect.NeedCmdline})
	if err != nil {
		b.Skipf("no collector here: %v", err)
	}
	defer c.Close()
	c.Prime()
	snaps := make([]*collect.Snapshot, n)
	for i := range snaps {
		time.Sleep(20 * time.Millisecond) // CPU% over a real interval
		snaps[i] = c.Collect()
	}
	return snaps
}

// benchRunner is a viewer on a 200×50 simulated terminal (the anchors' size)
// that is driven by hand: no event loop, no goroutines.
func benchRunner(b *testing.B) *runner {
	scr := uitest.NewScreen(200, 50)
	r, err := newRunner(Config{Feed: uitest.NewFeed(), Screen: scr.Screen()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(r.screen.Fini)
	return r
}

// frame does what tview's Application.Draw does for one frame.
func (r *runner) frame() {
	w, h := r.screen.Size()
	r.screen.Clear()
	r.pages.SetRect(0, 0, w, h)
	r.pages.Draw(r.screen)
	r.screen.Show()
}

// BenchmarkRefresh is the viewer's whole cost of one refresh: a new real
// snapshot applied (filter, sort, selection), then one frame drawn and shown.
// It reports CPU ns per process, the figure bench/anchors.sh gives per viewer.
func BenchmarkRefresh(b *testing.B) {
	if testing.Short() {
		b.Skip("reads the live system")
	}
	snaps := liveSnapshots(b, 4)
	r := benchRunner(b)
	b.ReportAllocs()
	procs := 0
	i := 0
	for b.Loop() {
		s := snaps[i%len(snaps)]
		i++
		r.apply(s)
		r.frame()
		procs += len(s.Procs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(procs), "ns/proc")
	b.ReportMetric(float64(procs)/float64(b.N), "procs")
}

// BenchmarkIdleFrame is a frame with nothing new: what a key press or a
// resize costs.
func BenchmarkIdleFrame(b *testing.B) {
	if testing.Short() {
		b.Skip("reads the live system")
	}
	r := benchRunner(b)
	r.apply(liveSnapshots(b, 1)[0])
	b.ReportAllocs()
	for b.Loop() {
		r.frame()
	}
}
