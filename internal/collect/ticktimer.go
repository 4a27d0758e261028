package collect

import "time"

// tickTimer is Run's timer: one expiry at a time, each armed by reset.
// Its channel may deliver an expiry of an earlier arming late (a send in
// flight while reset ran); due tells those apart.
type tickTimer struct {
	c        chan struct{} // an expiry; buffered, so the timer never blocks
	deadline time.Time     // of the last reset; Run's goroutine only
	arm      func(d time.Duration)
	stop     func()
}

// reset arms the timer to expire d from now (at once when d <= 0), replacing
// any earlier arming, and drops an expiry not yet received: before arming,
// or it could drop this arming's own.
func (t *tickTimer) reset(d time.Duration) {
	select {
	case <-t.c:
	default:
	}
	d = max(d, time.Nanosecond)
	t.deadline = time.Now().Add(d)
	t.arm(d)
}

// due reports whether an expiry received now is the last arming's, not an
// earlier one's delivered late.
func (t *tickTimer) due() bool {
	return !time.Now().Before(t.deadline.Add(-time.Millisecond))
}

// fire delivers an expiry without blocking.
func (t *tickTimer) fire() {
	select {
	case t.c <- struct{}{}:
	default:
	}
}

// newGoTimer is a tickTimer on the runtime's timers.
func newGoTimer() *tickTimer {
	t := &tickTimer{c: make(chan struct{}, 1)}
	tm := time.AfterFunc(time.Hour, t.fire)
	tm.Stop()
	t.arm = func(d time.Duration) { tm.Reset(d) }
	t.stop = func() { tm.Stop() }
	return t
}
