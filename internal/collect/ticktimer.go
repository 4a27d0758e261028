package collect

import "time"

// tickTimer is Run's timer: one expiry at a time, each armed by reset, on the
// runtime's timers or, where the system has one (Linux: ticktimer_linux.go),
// on a timer that the runtime's network poller watches. Its channel may
// deliver an expiry of an earlier arming late (a send in flight while reset
// ran); due tells those apart.
//
// Which of the two suits a tick depends on how often the runtime collects
// garbage. The runtime's sysmon thread sleeps until the next runtime timer.
// Woken by the tick's runtime timer, it sleeps 10 ms at a time through the
// tick and then goes back to its long sleep: two wake-ups a tick. On the
// poller's timer it sleeps through a quiet tick; but anything that wakes it
// from that sleep (a collection restarting the world, a scheduler-aware
// syscall) makes it poll every 20 µs for as long as the tick runs. So the
// poller's timer is for the ticks of a viewer that rarely collects (idle:
// ~2 wake-ups a second in all instead of ~4-6), and the runtime's for one
// that collects at most ticks (5,000 processes: ~60 instead of ~11).
type tickTimer struct {
	c        chan struct{} // an expiry; buffered, so the timer never blocks
	deadline time.Time     // of the last reset; Run's goroutine only
	rt       *time.Timer
	poll     *pollTimer // nil where the system has none
	onPoll   bool       // the last arming was the poller's
}

// pollTimer is a timer the runtime's network poller watches: arm(d) arms it
// for d from now, arm(0) disarms it.
type pollTimer struct {
	arm  func(d time.Duration)
	stop func()
}

// newTickTimer makes a tickTimer, disarmed.
func newTickTimer() *tickTimer {
	t := &tickTimer{c: make(chan struct{}, 1)}
	t.rt = time.AfterFunc(time.Hour, t.fire)
	t.rt.Stop()
	t.poll = newPollTimer(t.fire)
	return t
}

// reset arms the timer to expire d from now (at once when d <= 0), on the
// poller's timer if poller is set and the system has one, replacing any
// earlier arming; it drops an expiry not yet received (before arming, or it
// could drop this arming's own).
func (t *tickTimer) reset(d time.Duration, poller bool) {
	select {
	case <-t.c:
	default:
	}
	d = max(d, time.Nanosecond)
	t.deadline = time.Now().Add(d)
	if poller && t.poll != nil {
		t.rt.Stop()
		t.poll.arm(d)
		t.onPoll = true
		return
	}
	if t.onPoll {
		t.poll.arm(0) // a syscall, so only when it is armed
		t.onPoll = false
	}
	t.rt.Reset(d)
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

// stop disarms the timer for good and releases what it holds.
func (t *tickTimer) stop() {
	t.rt.Stop()
	if t.poll != nil {
		t.poll.stop()
	}
}
