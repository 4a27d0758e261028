//go:build !linux

package collect

// newPollTimer: no poller timer here; the runtime's timers serve.
func newPollTimer(func()) *pollTimer { return nil }
