package stress

import (
	"os/exec"
	"runtime"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
)

// soakBatch is how many sleeping children the soak starts or stops at a time.
const soakBatch = 20

// TestSoak: 20,000 ticks (short: 300) of the collector driven directly, as
// fast as it reads, with the process count rising and falling by soakBatch
// every 50 ticks. After the ticks the heap, goroutines and descriptors are
// back near where they were after the first ones, and after Close every
// descriptor it opened is closed.
func TestSoak(t *testing.T) {
	r := scenario(t, "soak")
	ticks := size(300, 20000)
	fdsBefore := openFDs()
	c, err := collect.New(collect.Config{Interval: minDelay, Needs: collect.NeedCmdline, SkipIdle: true})
	if err != nil {
		t.Fatal(err)
	}
	var kids []*exec.Cmd
	stopKids := func(n int) {
		for ; n > 0 && len(kids) > 0; n-- {
			k := kids[len(kids)-1]
			kids = kids[:len(kids)-1]
			_ = k.Process.Kill()
			_ = k.Wait()
		}
	}
	t.Cleanup(func() { stopKids(len(kids)) })
	type level struct {
		heap       uint64
		goroutines int
		fds, procs int
	}
	measure := func(procs int) level {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return level{ms.HeapAlloc, runtime.NumGoroutine(), openFDs(), procs}
	}
	var base level
	lastErr := ""
	const warmup = 100
	for i := range ticks {
		switch phase := i / 50 % 4; {
		case i%50 != 0 || i < warmup:
		case phase < 2:
			for range soakBatch {
				k := exec.Command("sleep", "600")
				if err := k.Start(); err != nil {
					t.Fatal(err)
				}
				kids = append(kids, k)
			}
		default:
			stopKids(soakBatch)
		}
		s := c.Collect()
		r.snapshot(s)
		if s.Cost.Errors > 0 {
			lastErr = s.Cost.LastErr
		}
		if i%100 == 0 {
			r.sample()
		}
		if i == warmup-1 {
			base = measure(len(s.Procs))
		}
	}
	stopKids(len(kids))
	end := measure(len(c.Collect().Procs))
	c.Close()
	fdsAfter := openFDs()
	r.sample()
	t.Logf("after %d ticks: heap %d → %d KiB, goroutines %d → %d, fds %d → %d (processes %d → %d); fds %d before New, %d after Close",
		ticks, base.heap>>10, end.heap>>10, base.goroutines, end.goroutines, base.fds, end.fds, base.procs, end.procs, fdsBefore, fdsAfter)
	r.addNote("heap %d→%d KiB, fds %d→%d", base.heap>>10, end.heap>>10, base.fds, end.fds)
	if r.errors > 0 {
		t.Errorf("%d errors, the last: %s", r.errors, lastErr)
	}
	// Other work on the machine changes the process count: a process more
	// costs a kept descriptor or two and a record.
	more := max(0, end.procs-base.procs)
	if end.heap > base.heap+8<<20+uint64(more)*4<<10 {
		t.Errorf("heap grew from %d to %d KiB", base.heap>>10, end.heap>>10)
	}
	if end.goroutines > base.goroutines+2 {
		t.Errorf("goroutines grew from %d to %d", base.goroutines, end.goroutines)
	}
	if end.fds > base.fds+2*more+16 {
		t.Errorf("descriptors grew from %d to %d (processes %d → %d)", base.fds, end.fds, base.procs, end.procs)
	}
	if fdsAfter > fdsBefore {
		t.Errorf("%d descriptors open after Close, %d before New", fdsAfter, fdsBefore)
	}
	checkBounds(t, r)
}
