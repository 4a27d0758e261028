package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

// openSignalMenu is k/F9: "terminate gracefully" on top, then every signal by
// number and name with the graceful signal (SIGTERM) preselected, as htop's. The
// title says what will be hit. The targets are taken now, by identity: a
// process that exits or moves while the menu is open is still the one acted on,
// or nothing is.
func (s *actionSet) openSignalMenu(a Actions) {
	ps := targets(a)
	if len(ps) == 0 {
		return
	}
	sigs := control.Signals()
	items := []string{fmt.Sprintf("Terminate gracefully: %s, then %s after %s",
		control.GracefulSignal().Name, control.ForceSignal().Name, span(s.cfg.Grace))}
	current := 0
	for _, sig := range sigs {
		if sig.Num == control.GracefulSignal().Num && current == 0 {
			current = len(items)
		}
		items = append(items, fmt.Sprintf("%2d %s", sig.Num, sig.Name))
	}
	a.Menu("Signal "+labels(ps), items, current, func(i int) {
		if len(a.Tagged()) > 0 {
			a.Untag() // the tagged set was for this action
		}
		if i == 0 {
			s.terminate(a, ps)
			return
		}
		s.signal(a, ps, sigs[i-1])
	})
}

// sent is what one signal did to one process.
type sent struct {
	p      collect.Process
	res    control.Result
	err    error
	at     time.Time     // when it was sent
	exited bool          // the process exited within cfg.Watch of the signal
	after  time.Duration // how long after the signal
}

// signal sends sig to every target (one by one: each is a few system calls),
// says so at once, then watches up to cfg.Watch for the exits it causes.
func (s *actionSet) signal(a Actions, ps []collect.Process, sig control.Signal) {
	a.Background(func(ctx context.Context, report func(string)) string {
		out := make([]sent, len(ps))
		for i, p := range ps {
			res, err := control.Send(target(p), sig, s.cfg.Control)
			out[i] = sent{p: p, res: res, err: err, at: time.Now()}
		}
		report(signalSummary(sig, out))
		wctx, cancel := context.WithTimeout(ctx, s.cfg.Watch)
		defer cancel()
		parallel(wctx, len(out), func(ctx context.Context, i int) {
			if out[i].err != nil {
				return
			}
			_, err := control.Wait(ctx, target(out[i].p), s.cfg.Control)
			if err == nil || exited(err) {
				out[i].exited, out[i].after = true, time.Since(out[i].at)
			}
		})
		return signalSummary(sig, out)
	})
}

// signalSummary is one target's result, or a count of several targets' with the
// first failure.
func signalSummary(sig control.Signal, out []sent) string {
	if len(out) == 1 {
		o := out[0]
		switch {
		case o.err == nil && o.exited:
			return fmt.Sprintf("%s sent to %s %s; it exited %s later", sig.Name, label(o.p), via(o.res.Path), span(o.after))
		case o.err == nil:
			return fmt.Sprintf("%s sent to %s %s", sig.Name, label(o.p), via(o.res.Path))
		}
		return fmt.Sprintf("%s not sent to %s: %s", sig.Name, label(o.p), why(o.err))
	}
	var t tally
	for _, o := range out {
		switch {
		case o.err == nil && o.exited:
			t.add("sent and exited")
		case o.err == nil:
			t.add("sent")
		case exited(o.err):
			t.fail("had exited", label(o.p)+": "+why(o.err))
		default:
			t.fail("failed", label(o.p)+": "+why(o.err))
		}
	}
	return fmt.Sprintf("%s to %d processes: %s", sig.Name, len(out), t.String())
}

// terminated is what Terminate did to one process.
type terminated struct {
	p     collect.Process
	steps []control.Step
	err   error
	took  time.Duration
}

// terminate runs control.Terminate on every target at once, reporting each step
// for one target and the count done for several. Every report is made before
// the work returns, so none reaches a stopped viewer.
func (s *actionSet) terminate(a Actions, ps []collect.Process) {
	a.Background(func(ctx context.Context, report func(string)) string {
		out := make([]terminated, len(ps))
		var mu sync.Mutex
		done := 0
		parallel(ctx, len(ps), func(ctx context.Context, i int) {
			p := ps[i]
			var progress func(control.Step)
			if len(ps) == 1 {
				progress = func(st control.Step) { report(s.stepText(p, st)) }
			}
			begin := time.Now()
			steps, err := control.Terminate(ctx, target(p), s.cfg.Grace, s.cfg.Control, progress)
			out[i] = terminated{p: p, steps: steps, err: err, took: time.Since(begin)}
			if len(ps) > 1 {
				mu.Lock()
				done++
				report(fmt.Sprintf("terminating %d processes: %d done…", len(ps), done))
				mu.Unlock()
			}
		})
		return terminateSummary(out)
	})
}

// stepText is the progress line after one step of Terminate.
func (s *actionSet) stepText(p collect.Process, st control.Step) string {
	switch {
	case st.Err != nil && st.What == "wait" && !exited(st.Err):
		return fmt.Sprintf("%s: %s after %s, sending %s…", label(p), why(st.Err), span(s.cfg.Grace), control.ForceSignal().Name)
	case st.Err != nil:
		return fmt.Sprintf("%s: %s: %s", label(p), st.What, why(st.Err))
	case st.What == "wait":
		return fmt.Sprintf("%s %s", label(p), exitText(st.Exit))
	}
	return fmt.Sprintf("%s: %s sent, waiting up to %s for it to exit…", label(p), st.What, span(s.cfg.Grace))
}

// forced reports whether Terminate had to send the force signal.
func forced(steps []control.Step) bool {
	for _, st := range steps {
		if st.What == control.ForceSignal().Name && st.Err == nil {
			return true
		}
	}
	return false
}

// terminateSummary is the final line of "terminate gracefully".
func terminateSummary(out []terminated) string {
	if len(out) == 1 {
		o := out[0]
		var ex control.Exit // what the last successful wait learned
		for _, st := range o.steps {
			if st.What == "wait" && st.Err == nil {
				ex = st.Exit
			}
		}
		switch {
		case o.err != nil:
			return fmt.Sprintf("terminate %s: %s", label(o.p), why(o.err))
		case forced(o.steps) && o.steps[0].Err != nil: // the graceful request could not be delivered
			return fmt.Sprintf("%s: %s %s; %s sent: it %s after %s %s", label(o.p), control.GracefulSignal().Name,
				why(o.steps[0].Err), control.ForceSignal().Name, exitText(ex), span(o.took), via(ex.Path))
		case forced(o.steps):
			return fmt.Sprintf("%s did not exit within %s of %s; %s sent: it %s, %s in all %s",
				label(o.p), span(o.steps[1].Took), control.GracefulSignal().Name, control.ForceSignal().Name,
				exitText(ex), span(o.took), via(ex.Path))
		}
		return fmt.Sprintf("%s %s, %s after %s %s", label(o.p), exitText(ex), span(o.took),
			control.GracefulSignal().Name, via(ex.Path))
	}
	var t tally
	for _, o := range out {
		switch {
		case o.err != nil:
			t.fail("failed", label(o.p)+": "+why(o.err))
		case forced(o.steps):
			t.add("exited after " + control.ForceSignal().Name)
		default:
			t.add("exited after " + control.GracefulSignal().Name)
		}
	}
	return fmt.Sprintf("terminate %d processes: %s", len(out), t.String())
}
