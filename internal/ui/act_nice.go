package ui

import (
	"context"
	"fmt"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

// The nice range (Windows maps it onto priority classes).
const (
	niceMin = -20
	niceMax = 19
)

// nudge is F7/] (delta -1: raise the priority) and F8/[ (+1: lower it), from
// each target's nice value as the last snapshot showed it. The tags are kept,
// so the keys can be pressed again.
func (s *actionSet) nudge(delta int) func(Actions) {
	return func(a Actions) {
		ps := targets(a)
		if len(ps) == 0 {
			return
		}
		s.renice(a, ps, func(p collect.Process) (int, string) {
			switch to := int(p.Nice) + delta; {
			case !p.Known.Has(collect.KnownPriority):
				return 0, "its nice value is unknown (use n to set one)"
			case to < niceMin || to > niceMax:
				return 0, fmt.Sprintf("nice is already %d, the end of the range %d..%d", p.Nice, niceMin, niceMax)
			default:
				return to, ""
			}
		})
	}
}

// openNiceMenu is n: a menu of every nice value, the first target's current one
// preselected.
func (s *actionSet) openNiceMenu(a Actions) {
	ps := targets(a)
	if len(ps) == 0 {
		return
	}
	var items []string
	for n := niceMin; n <= niceMax; n++ {
		note := ""
		switch n {
		case niceMin:
			note = "  highest priority"
		case 0:
			note = "  the default"
		case niceMax:
			note = "  lowest priority"
		}
		items = append(items, fmt.Sprintf("%3d%s", n, note))
	}
	current := -niceMin
	if ps[0].Known.Has(collect.KnownPriority) {
		current = int(ps[0].Nice) - niceMin
	}
	a.Menu("Nice value for "+labels(ps), items, current, func(i int) {
		s.renice(a, ps, func(collect.Process) (int, string) { return niceMin + i, "" })
	})
}

// reniced is what Renice did to one process.
type reniced struct {
	p        collect.Process
	from, to int
	res      control.Result
	err      error
	skipped  string // why nothing was asked of the kernel
}

// renice sets each target's nice value to want(p) in the background, or skips
// it for the reason want gives.
func (s *actionSet) renice(a Actions, ps []collect.Process, want func(collect.Process) (int, string)) {
	a.Background(func(context.Context, func(string)) string {
		out := make([]reniced, len(ps))
		for i, p := range ps {
			o := reniced{p: p, from: int(p.Nice)}
			if o.to, o.skipped = want(p); o.skipped == "" {
				o.res, o.err = control.Renice(target(p), o.to, s.cfg.Control)
			}
			out[i] = o
		}
		return reniceSummary(out)
	})
}

// reniceSummary is one target's result, or a count with the first failure.
func reniceSummary(out []reniced) string {
	if len(out) == 1 {
		o := out[0]
		switch {
		case o.skipped != "":
			return fmt.Sprintf("%s: %s", label(o.p), o.skipped)
		case o.err != nil:
			return fmt.Sprintf("%s: nice %s → %d %s", label(o.p), from(o), o.to, why(o.err))
		}
		return fmt.Sprintf("%s: nice %s → %d %s", label(o.p), from(o), o.to, via(o.res.Path))
	}
	var t tally
	for _, o := range out {
		switch {
		case o.skipped != "":
			t.add("unchanged")
		case o.err != nil:
			t.fail("failed", fmt.Sprintf("%s: nice → %d %s", label(o.p), o.to, why(o.err)))
		default:
			t.add("reniced")
		}
	}
	return fmt.Sprintf("renice %d processes: %s", len(out), t.String())
}

// from is the nice value the snapshot showed, or "?" when it was unknown.
func from(o reniced) string {
	if !o.p.Known.Has(collect.KnownPriority) {
		return "?"
	}
	return fmt.Sprint(o.from)
}
