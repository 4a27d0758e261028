package ui

import (
	"context"
	"fmt"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

// The scheduling keys, htop's: i I/O priority, a CPU affinity, Y scheduling
// policy. Like the signal menu each takes its targets (the tagged processes,
// else the selected one) when it opens, by identity, picks only on Enter or
// a click, and acts through internal/control's identity check in the
// background; the status line says what the kernel did or why it refused.

// ioChoices are the I/O priorities of the i menu, in htop's order.
func ioChoices() ([]control.IOPriority, []string) {
	prios := []control.IOPriority{{Class: control.IOClassNone}}
	items := []string{"None: best effort, level from the nice value"}
	for _, c := range []struct {
		class control.IOClass
		name  string
	}{{control.IOClassRealtime, "Realtime"}, {control.IOClassBestEffort, "Best effort"}} {
		for l := range control.IOLevels {
			note := ""
			switch l {
			case 0:
				note = "  highest"
			case control.IOLevels - 1:
				note = "  lowest"
			}
			prios = append(prios, control.IOPriority{Class: c.class, Level: l})
			items = append(items, fmt.Sprintf("%s %d%s", c.name, l, note))
		}
	}
	prios = append(prios, control.IOPriority{Class: control.IOClassIdle})
	items = append(items, "Idle: only when no other process uses the disk")
	return prios, items
}

// openIOMenu is i: the I/O priority of the targets, the first one's current
// priority preselected when the snapshot has it.
func (s *actionSet) openIOMenu(a Actions) {
	if !control.HasIOPriority() {
		a.Status("I/O priority: not supported here")
		return
	}
	ps := targets(a)
	if len(ps) == 0 {
		return
	}
	prios, items := ioChoices()
	current := 0
	if p := ps[0]; p.Known.Has(collect.KnownIOPrio) {
		v := p.X().IOPrio
		for i, q := range prios {
			noLevel := q.Class == control.IOClassIdle || q.Class == control.IOClassNone
			if int(q.Class) == int(v>>13) && (noLevel || q.Level == int(v&0xff)) {
				current = i
			}
		}
	}
	a.Menu("I/O priority for "+labels(ps), items, current, func(i int) {
		untag(a)
		s.change(a, ps, "I/O priority "+prios[i].String(), func(t control.Target) (control.Result, error) {
			return control.SetIOPriority(t, prios[i], s.cfg.Control)
		})
	})
}

// openAffinityMenu is a: a checkbox per CPU, the first target's current set
// ticked; Space toggles, Enter applies.
func (s *actionSet) openAffinityMenu(a Actions) {
	if !control.HasAffinity() {
		a.Status("CPU affinity: not supported here")
		return
	}
	ps := targets(a)
	if len(ps) == 0 {
		return
	}
	n := a.CPUs()
	load := func() ([]bool, error) { // the current set is not in the snapshot
		cur, err := control.AffinityOf(target(ps[0]), s.cfg.Control)
		if err != nil {
			return nil, fmt.Errorf("CPU affinity of %s: %s", label(ps[0]), why(err))
		}
		on := make([]bool, n)
		for _, c := range cur {
			if c < n {
				on[c] = true
			}
		}
		return on, nil
	}
	items := make([]string, n)
	for c := range n {
		items[c] = fmt.Sprintf("CPU %d", c)
	}
	a.Checklist("CPU affinity for "+labels(ps)+" (Space toggles, Enter applies)", items, load, func(on []bool) {
		var cpus []int
		for c, yes := range on {
			if yes {
				cpus = append(cpus, c)
			}
		}
		if len(cpus) == 0 {
			a.Status("CPU affinity unchanged: no CPU was ticked")
			return
		}
		untag(a)
		s.change(a, ps, "CPU affinity "+cpuList(cpus), func(t control.Target) (control.Result, error) {
			return control.SetAffinity(t, cpus, s.cfg.Control)
		})
	})
}

// openPolicyMenu is Y: the scheduling policy, then for a realtime one its
// static priority.
func (s *actionSet) openPolicyMenu(a Actions) {
	pols := control.Policies()
	if len(pols) == 0 {
		a.Status("scheduling policy: not supported here")
		return
	}
	ps := targets(a)
	if len(ps) == 0 {
		return
	}
	items := make([]string, len(pols))
	for i, p := range pols {
		items[i] = p.Name
		if p.Realtime {
			items[i] += fmt.Sprintf("  realtime, priority %d..%d", control.MinRT, control.MaxRT)
		}
	}
	a.Menu("Scheduling policy for "+labels(ps), items, 0, func(i int) {
		pol := pols[i]
		set := func(prio int) {
			untag(a)
			what := pol.Name
			if pol.Realtime {
				what += fmt.Sprintf(" priority %d", prio)
			}
			s.change(a, ps, "policy "+what, func(t control.Target) (control.Result, error) {
				return control.SetPolicy(t, pol, prio, s.cfg.Control)
			})
		}
		if !pol.Realtime {
			set(0)
			return
		}
		var prios []string
		for p := control.MinRT; p <= control.MaxRT; p++ {
			prios = append(prios, fmt.Sprint(p))
		}
		a.Menu(pol.Name+" priority for "+labels(ps)+" (digits go to one)", prios, 0, func(i int) { set(control.MinRT + i) })
	})
}

// untag clears the tags once an action was chosen for them.
func untag(a Actions) {
	if len(a.Tagged()) > 0 {
		a.Untag()
	}
}

// changed is what one scheduling change did to one process.
type changed struct {
	p   collect.Process
	res control.Result
	err error
}

// change applies do to every target in the background and reports "pid 5
// (x): I/O priority idle set via pidfd", or the kernel's refusal.
func (s *actionSet) change(a Actions, ps []collect.Process, what string, do func(control.Target) (control.Result, error)) {
	a.Background(func(context.Context, func(string)) string {
		out := make([]changed, len(ps))
		for i, p := range ps {
			res, err := do(target(p))
			out[i] = changed{p, res, err}
		}
		return changeSummary(what, out)
	})
}

// changeSummary is one target's result, or a count with the first failure.
func changeSummary(what string, out []changed) string {
	if len(out) == 1 {
		o := out[0]
		if o.err != nil {
			return fmt.Sprintf("%s: %s not set: %s", label(o.p), what, why(o.err))
		}
		return fmt.Sprintf("%s: %s set %s", label(o.p), what, via(o.res.Path))
	}
	var t tally
	for _, o := range out {
		if o.err != nil {
			t.fail("failed", label(o.p)+": "+why(o.err))
		} else {
			t.add("set")
		}
	}
	return fmt.Sprintf("%s for %d processes: %s", what, len(out), t.String())
}

// cpuList is a CPU set as the kernel's lists write it: "0-3,6".
func cpuList(cpus []int) string {
	var b []byte
	for i := 0; i < len(cpus); {
		j := i
		for j+1 < len(cpus) && cpus[j+1] == cpus[j]+1 {
			j++
		}
		if len(b) > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%d", cpus[i])
		if j > i {
			b = fmt.Appendf(b, "-%d", cpus[j])
		}
		i = j + 1
	}
	return string(b)
}
