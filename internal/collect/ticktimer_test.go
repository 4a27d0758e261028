package collect

import (
	"runtime"
	"testing"
	"time"
)

// Both tick timers: an arming expires once, not before its time; a reset
// replaces the arming before it; an expiry of an earlier arming that arrives
// late is not due; and stop leaves no goroutine behind.
func TestTickTimer(t *testing.T) {
	for _, c := range []struct {
		name string
		make func() *tickTimer
	}{{"platform", newTickTimer}, {"runtime", newGoTimer}} {
		t.Run(c.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			tm := c.make()

			start := time.Now()
			tm.reset(20 * time.Millisecond)
			select {
			case <-tm.c:
			case <-time.After(5 * time.Second):
				t.Fatal("no expiry")
			}
			if el := time.Since(start); el < 19*time.Millisecond || !tm.due() {
				t.Errorf("expired after %v (due %v), armed for 20ms", el, tm.due())
			}
			select {
			case <-tm.c:
				t.Fatal("a second expiry of a one-shot arming")
			case <-time.After(60 * time.Millisecond):
			}

			// A reset replaces the arming: the 10 ms one never expires.
			tm.reset(10 * time.Millisecond)
			tm.reset(time.Hour)
			select {
			case <-tm.c:
				if tm.due() {
					t.Fatal("an expiry an hour early is due")
				}
			case <-time.After(60 * time.Millisecond):
			}

			// reset(0) expires at once.
			tm.reset(0)
			select {
			case <-tm.c:
			case <-time.After(5 * time.Second):
				t.Fatal("reset(0): no expiry")
			}

			tm.stop()
			deadline := time.Now().Add(2 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				t.Errorf("%d goroutines after stop, %d before", n, before)
			}
		})
	}
}
