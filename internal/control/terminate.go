package control

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Terminate makes t exit: it sends GracefulSignal, waits up to grace for the exit
// (event-driven where Wait is), and if t still runs sends ForceSignal and waits up
// to grace again, or minForceWait if longer. A graceful request the target cannot receive (ErrUnsupported)
// escalates at once. Each step goes to progress (when not nil) as soon as it ends, and
// all of them are returned in order.
//
// The error is nil once t is known to have exited, including when it exited
// between a wait's deadline and ForceSignal. Otherwise it wraps ErrGone or
// ErrReused (t had exited before the first signal), ErrStillRunning (t outlived
// both waits, e.g. stuck in uninterruptible sleep), the kernel's refusal of a
// signal (EPERM), or ctx's error when ctx ended first.
func Terminate(ctx context.Context, t Target, grace time.Duration, o Options, progress func(Step)) ([]Step, error) {
	var steps []Step
	record := func(s Step) {
		steps = append(steps, s)
		if progress != nil {
			progress(s)
		}
	}
	for i, sig := range []Signal{GracefulSignal(), ForceSignal()} {
		begin := time.Now()
		_, err := Send(t, sig, o)
		record(Step{What: sig.Name, Err: err, Took: time.Since(begin)})
		if err != nil {
			if i > 0 && exited(err) {
				return steps, nil
			}
			// A graceful request the target cannot receive (Windows: WM_CLOSE to
			// a console program with no window) goes straight on to the force.
			if i == 0 && errors.Is(err, ErrUnsupported) {
				continue
			}
			return steps, err
		}
		wait := grace
		if i > 0 {
			wait = max(grace, minForceWait)
		}
		if err := waitStep(ctx, t, wait, o, record); !errors.Is(err, ErrStillRunning) {
			return steps, err
		}
	}
	return steps, fmt.Errorf("pid %d after %s: %w", t.PID, ForceSignal().Name, ErrStillRunning)
}

// minForceWait is the shortest wait after the force signal, whatever the
// grace: SIGKILL is certain unless the process sits in uninterruptible sleep,
// and on a loaded machine its exit can take longer than a short grace, which
// would report a dying process as still running.
const minForceWait = 5 * time.Second

// waitStep is one of Terminate's waits, bounded by grace.
func waitStep(ctx context.Context, t Target, grace time.Duration, o Options, record func(Step)) error {
	wctx, cancel := context.WithTimeout(ctx, grace)
	defer cancel()
	begin := time.Now()
	ex, err := Wait(wctx, t, o)
	switch {
	case err == nil:
	case exited(err):
		err = nil // it exited before the wait could pin it
	case ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded):
		err = fmt.Errorf("pid %d after %v: %w", t.PID, grace, ErrStillRunning)
	}
	if err != nil {
		ex = Exit{}
	}
	record(Step{What: "wait", Err: err, Took: time.Since(begin), Exit: ex})
	return err
}

// exited reports whether err says that the target no longer runs.
func exited(err error) bool { return errors.Is(err, ErrGone) || errors.Is(err, ErrReused) }
