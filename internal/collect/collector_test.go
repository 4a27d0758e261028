package collect

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// fakeSource returns one process whose CPU time grows by a second per read.
type fakeSource struct {
	reads  atomic.Int32
	closed atomic.Bool
}

func (f *fakeSource) readProcs(dst []Process, o readOptions, cost *Cost) []Process {
	n := f.reads.Add(1)
	p := Process{ID: ID{PID: 1, Start: 1}, UserTime: time.Duration(n) * time.Second, Known: KnownCPU}
	if o.Threads {
		p.Flags |= FlagThread
	}
	return append(dst, p)
}
func (f *fakeSource) readSystem(dst *rawSystem) error { return nil }
func (f *fakeSource) close()                          { f.closed.Store(true) }

func newFake(t *testing.T, cfg Config) (*Collector, *fakeSource) {
	t.Helper()
	f := &fakeSource{}
	cfg.newSource = func() (source, error) { return f, nil }
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

func next(t *testing.T, c *Collector) *Snapshot {
	t.Helper()
	select {
	case s := <-c.Snapshots():
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("no snapshot within 10 s")
		return nil
	}
}

func TestCollectorRunStopsCleanly(t *testing.T) {
	before := runtime.NumGoroutine()
	c, f := newFake(t, Config{Interval: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- c.Run(ctx) }()
	if s := next(t, c); s.Tick != 1 {
		t.Errorf("first tick %d", s.Tick)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run returned %v", err)
	}
	c.Close()
	if !f.closed.Load() {
		t.Error("source not closed")
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left (had %d):\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func TestCollectorMessages(t *testing.T) {
	c, f := newFake(t, Config{Interval: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.Run(ctx)
	next(t, c)

	c.Refresh() // an hour-long interval: only the message can cause this tick
	if s := next(t, c); s.Tick != 2 {
		t.Errorf("refresh gave tick %d", s.Tick)
	}
	c.SetThreads(true)
	if s := next(t, c); !s.Procs[0].Is(FlagThread) {
		t.Error("SetThreads not applied to the tick it caused")
	}
	// Saying again what is set causes no tick (the viewer's first SetNeeds
	// would otherwise start a second full pass before the first frame).
	n := f.reads.Load()
	c.SetNeeds(0)
	c.SetThreads(true)
	time.Sleep(100 * time.Millisecond)
	if m := f.reads.Load(); m != n {
		t.Errorf("unchanged needs and threads caused %d reads", m-n)
	}
	c.SetNeeds(NeedIO)
	if s := next(t, c); s.Tick != 4 {
		t.Errorf("changed needs gave tick %d, want 4", s.Tick)
	}
	c.SetInterval(time.Millisecond)
	next(t, c)
	if s := next(t, c); s.Tick < 4 {
		t.Errorf("short interval did not tick: %d", s.Tick)
	}
	c.Pause(true)
	time.Sleep(50 * time.Millisecond)
	// Drain what was published before the pause took effect; then nothing new.
	select {
	case <-c.Snapshots():
	default:
	}
	n = f.reads.Load()
	time.Sleep(100 * time.Millisecond)
	if m := f.reads.Load(); m != n {
		t.Errorf("paused collector read %d more times", m-n)
	}
	c.Refresh()
	if s := next(t, c); s == nil {
		t.Error("refresh while paused gave nothing")
	}
}

// A slow reader gets the newest snapshot, never a stale one.
func TestCollectorDropsStaleSnapshots(t *testing.T) {
	c, f := newFake(t, Config{Interval: time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.Run(ctx)
	for f.reads.Load() < 20 {
		time.Sleep(time.Millisecond)
	}
	s := next(t, c)
	if s.Tick < 10 {
		t.Errorf("got tick %d after %d reads: stale snapshots were queued", s.Tick, f.reads.Load())
	}
}

func TestCollectFirstIntervalGivesRealRates(t *testing.T) {
	c, _ := newFake(t, Config{Interval: time.Hour, FirstInterval: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.Run(ctx)
	next(t, c)
	s := next(t, c) // arrives after FirstInterval, not after an hour
	if s.Tick != 2 || s.Procs[0].CPUPercent <= 0 {
		t.Errorf("second snapshot tick %d cpu %v", s.Tick, s.Procs[0].CPUPercent)
	}
}

// Prime's read publishes nothing, so it is no tick: the first snapshot after
// it is tick 1, as Snapshot.Tick says, and its rates are over the primed read.
func TestPrimeIsNoTick(t *testing.T) {
	c, _ := newFake(t, Config{Interval: time.Hour})
	// The reads come back to back: on a clock as coarse as Windows' (under
	// Wine, seen in CI) two of them can share a time, which gives no rate.
	// Each read waits for the clock to move on.
	advance := func() {
		for t0 := time.Now(); !time.Now().After(t0); {
			time.Sleep(time.Millisecond)
		}
	}
	c.Prime()
	for want := uint64(1); want <= 3; want++ {
		advance()
		s := c.Collect()
		if s.Tick != want {
			t.Errorf("snapshot %d after Prime has tick %d", want, s.Tick)
		}
		if s.Interval <= 0 || !s.Procs[0].Known.Has(KnownCPU) || s.Procs[0].CPUPercent <= 0 {
			t.Errorf("snapshot %d: interval %v, CPU%% %v: not a rate over the primed read", want, s.Interval, s.Procs[0].CPUPercent)
		}
	}
}
