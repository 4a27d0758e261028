package control

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// The fallback wait's backoff: the first pause and the longest.
const (
	pollFirst = 100 * time.Microsecond
	pollMost  = 40 * time.Millisecond
)

// waitPoll is the fallback wait: it reads /proc/PID/stat with a pause that doubles
// from pollFirst to pollMost between reads. The process has exited when its stat
// is gone, shows another start time (the PID was reused) or shows a zombie.
func waitPoll(ctx context.Context, t Target) (Exit, error) {
	pause := pollFirst
	var timer *time.Timer
	for first := true; ; first = false {
		ex, done, err := pollOnce(t, first)
		if done {
			ex.Path = PathPoll
			return ex, err
		}
		if timer == nil {
			timer = time.NewTimer(pause)
			defer timer.Stop()
		} else {
			timer.Reset(pause)
		}
		select {
		case <-ctx.Done():
			return Exit{Path: PathPoll}, ctx.Err()
		case <-timer.C:
		}
		pause = min(2*pause, pollMost)
	}
}

// pollOnce looks at t once. A PID that is gone or reused on the first look is the
// caller's error, as on the pidfd path; later it means t exited.
func pollOnce(t Target, first bool) (ex Exit, done bool, err error) {
	st, b, err := checkStat(t)
	switch {
	case err == nil:
	case !first && (errors.Is(err, ErrGone) || errors.Is(err, ErrReused)):
		return Exit{}, true, nil
	default:
		return Exit{}, true, err
	}
	if st.State != 'Z' && st.State != 'X' {
		return Exit{}, false, nil
	}
	// A zombie with t's start time is t: it holds its PID until reaped.
	if ex, ok := childExit(unix.P_PID, t.PID); ok {
		return ex, true, nil
	}
	ex, _ = zombieExit(b)
	return ex, true, nil
}
