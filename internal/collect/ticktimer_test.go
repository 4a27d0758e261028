package collect

import (
	"runtime"
	"testing"
	"time"
)

// The tick timer on either clock: an arming expires once, not before its
// time; a reset replaces the arming before it, on the same clock or the
// other; an expiry of an earlier arming that arrives late is not due; and stop
// leaves no goroutine behind.
func TestTickTimer(t *testing.T) {
	for _, poller := range []bool{true, false} {
		before := runtime.NumGoroutine()
		tm := newTickTimer()
		if tm.poll == nil && runtime.GOOS == "linux" {
			t.Fatal("no timerfd on Linux")
		}
		expect := func(what string) {
			t.Helper()
			select {
			case <-tm.c:
			case <-time.After(5 * time.Second):
				t.Fatalf("poller %v: %s: no expiry", poller, what)
			}
		}
		none := func(what string) {
			t.Helper()
			select {
			case <-tm.c:
				if tm.due() {
					t.Fatalf("poller %v: %s: an expiry", poller, what)
				}
			case <-time.After(60 * time.Millisecond):
			}
		}

		start := time.Now()
		tm.reset(20*time.Millisecond, poller)
		expect("armed for 20ms")
		if el := time.Since(start); el < 19*time.Millisecond || !tm.due() {
			t.Errorf("poller %v: expired after %v (due %v), armed for 20ms", poller, el, tm.due())
		}
		none("a second expiry of a one-shot arming")

		// A reset replaces the arming, on the same clock and on the other.
		tm.reset(10*time.Millisecond, poller)
		tm.reset(time.Hour, poller)
		none("replaced on the same clock")
		tm.reset(10*time.Millisecond, poller)
		tm.reset(time.Hour, !poller)
		none("replaced on the other clock")

		tm.reset(0, poller)
		expect("reset(0)")

		tm.stop()
		deadline := time.Now().Add(2 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			t.Errorf("poller %v: %d goroutines after stop, %d before", poller, n, before)
		}
	}
}
