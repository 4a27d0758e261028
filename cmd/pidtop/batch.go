package main

import (
	"bufio"
	"context"
	"errors"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
	"io"
	"syscall"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/sort"
)

// batchPlan is what a batch run prints and how: the config file's active
// screen (its columns in text, its sort and tree), with the flags over it.
// Batch output lists every process: the viewer's K and H are display choices
// that a script reading the output does not expect to inherit.
type batchPlan struct {
	fields  []*field.Field
	sort    *field.Field
	reverse bool
	tree    bool
	delay   time.Duration
	every   bool // command lines re-read every tick
}

// planBatch makes the plan of options o over the run's settings set (the file's
// with the flags applied, see applyTo).
func planBatch(o options, set config.Settings) batchPlan {
	sc := set.Active()
	p := batchPlan{reverse: sc.SortReverse, tree: sc.Tree, every: set.CmdlineEveryTick,
		delay: time.Duration(set.Delay) * 100 * time.Millisecond}
	p.sort, _ = field.Lookup(sc.SortKey)
	if p.sort == nil {
		p.sort, _ = field.Lookup("cpu_percent")
	}
	switch {
	case len(o.fields) > 0:
		p.fields = o.fields
	case o.json:
		p.fields = jsonFields() // a stable schema whatever the viewer shows
	default:
		for _, id := range sc.Columns {
			if f, ok := field.Lookup(id); ok {
				p.fields = append(p.fields, f)
			}
		}
	}
	return p
}

// needs is what the collector reads for the plan: the printed fields', the
// sort field's, and the command line the filter matches.
func (p batchPlan) needs() collect.Needs {
	return field.Needs(p.fields) | p.sort.SortNeeds() | collect.NeedCmdline
}

// runBatch prints o.iterations snapshots (or until ctx is done) to w. A reader
// that went away (EPIPE: `pidtop -b | head`) ends it quietly with no error.
func runBatch(ctx context.Context, o options, set config.Settings, w io.Writer) error {
	plan := planBatch(o, set)
	c, err := collect.New(collect.Config{Interval: plan.delay, Threads: o.threads, Needs: plan.needs(),
		CmdlineEveryTick: plan.every})
	if err != nil {
		return err
	}
	defer c.Close()
	cmp := sort.Cmp(plan.sort.Order(plan.reverse, nil))
	q := sort.Query{User: o.user, PIDs: o.pids, Filter: o.filter, HideThreads: !o.threads}
	fs := plan.fields
	bw := bufio.NewWriterSize(w, 64<<10)
	var line []byte
	c.Prime() // stat only: the first printed CPU% is a rate over firstInterval
	wait := firstInterval
	for i := 0; o.iterations == 0 || i < o.iterations; i++ {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = plan.delay
		s := c.Collect()
		rows := batchRows(s, q, cmp, plan.tree)
		if o.json {
			line = appendJSON(line[:0], s, rows, fs)
			_, err = bw.Write(line)
		} else {
			err = writeText(bw, s, rows, field.IDs(fs))
		}
		if err == nil {
			err = bw.Flush()
		}
		if err != nil {
			if errors.Is(err, syscall.EPIPE) {
				return nil
			}
			return err
		}
	}
	return nil
}

// row is one printed process with its tree prefix (empty outside tree mode).
type row struct {
	p      *collect.Process
	prefix string
}

// batchRows selects, sorts (or builds the tree of) the snapshot's live processes.
func batchRows(s *collect.Snapshot, q sort.Query, cmp sort.Cmp, tree bool) []row {
	idx := sort.Select(s.Procs, q, nil)
	live := idx[:0]
	for _, i := range idx {
		if !s.Procs[i].Is(collect.FlagExited) {
			live = append(live, i)
		}
	}
	var rows []row
	if tree {
		for _, r := range sort.Tree(s.Procs, live, cmp, nil) {
			rows = append(rows, row{p: &s.Procs[r.Index], prefix: r.Prefix()})
		}
		return rows
	}
	sort.Sort(s.Procs, live, cmp)
	for _, i := range live {
		rows = append(rows, row{p: &s.Procs[i]})
	}
	return rows
}
