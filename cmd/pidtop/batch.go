package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/export"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/sort"
	"github.com/pidtop/pidtop/internal/ui"
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
	case o.json || o.csv:
		p.fields = export.JSONFields()
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
	return field.ShowNeeds(p.fields, p.sort, false)
}

// runBatch prints o.iterations snapshots (or until ctx is done) to w. A reader
// that went away (EPIPE: `pidtop -b | head`) ends it quietly with no error. As
// ps, a run whose filters matched no process in any snapshot it printed ends
// with errNoMatch, after the output, which stays valid (headers, empty JSON
// arrays).
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
	bw := bufio.NewWriterSize(w, 64<<10)
	out := batchWriter(o, plan.fields, bw)
	printed, matched := 0, false
	c.Prime() // stat only: the first printed CPU% is a rate over firstInterval
	wait := firstInterval
	for ; o.iterations == 0 || printed < o.iterations; printed++ {
		select {
		case <-ctx.Done():
			return noMatch(o, printed > 0 && !matched)
		case <-time.After(wait):
		}
		wait = plan.delay
		s := c.Collect()
		rows := batchRows(s, q, cmp, plan.tree)
		matched = matched || len(rows) > 0
		err := out.WriteSnapshot(s, rows)
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
	return noMatch(o, !matched)
}

// batchWriter is the writer to w of the form the options ask for, each
// process with the fields fs.
func batchWriter(o options, fs []*field.Field, w io.Writer) export.SnapshotWriter {
	switch {
	case o.json:
		return export.NewJSONLines(w, fs)
	case o.csv:
		return export.NewCSV(w, export.CSVConfig{Fields: fs, NoHeaders: o.noHeaders})
	}
	return export.NewText(w, export.TextConfig{Fields: fs, NoHeaders: o.noHeaders, NewTable: plainTable,
		Uptime: ui.FormatUptime})
}

// plainTable lays out the text form in the viewer's columns.
func plainTable(ids []string, procs []collect.Process, now time.Time) (export.Table, error) {
	return ui.NewPlainTable(ids, procs, now)
}

// errNoMatch is the end of a batch run whose filters matched nothing: status 1,
// as ps -p with no such process.
type errNoMatch struct{ what string }

func (e errNoMatch) Error() string { return e.what }

// noMatch returns the errNoMatch of o's filters when none is true, else nil.
func noMatch(o options, none bool) error {
	if !none {
		return nil
	}
	pids := make([]string, len(o.pids))
	for i, p := range o.pids {
		pids[i] = strconv.Itoa(int(p))
	}
	if len(pids) > 0 && o.user == "" && o.filter == "" {
		if len(pids) == 1 {
			return errNoMatch{"no process with PID " + pids[0]}
		}
		return errNoMatch{"no process with any of the PIDs " + strings.Join(pids, ",")}
	}
	var given []string
	if len(pids) > 0 {
		given = append(given, "-p "+strings.Join(pids, ","))
	}
	if o.user != "" {
		given = append(given, "-u "+strconv.Quote(o.user))
	}
	if o.filter != "" {
		given = append(given, "-F "+strconv.Quote(o.filter))
	}
	if len(given) == 0 {
		return errNoMatch{"no process to show"}
	}
	return errNoMatch{"no process matched " + strings.Join(given, " ")}
}

// batchRows selects, sorts (or builds the tree of) the snapshot's live processes.
func batchRows(s *collect.Snapshot, q sort.Query, cmp sort.Cmp, tree bool) []export.Row {
	idx := sort.Select(s.Procs, q, nil)
	live := idx[:0]
	for _, i := range idx {
		if !s.Procs[i].Is(collect.FlagExited) {
			live = append(live, i)
		}
	}
	var rows []export.Row
	if tree {
		for _, r := range sort.Tree(s.Procs, live, cmp, nil) {
			rows = append(rows, export.Row{Proc: &s.Procs[r.Index], Prefix: r.Prefix()})
		}
		return rows
	}
	sort.Sort(s.Procs, live, cmp)
	for _, i := range live {
		rows = append(rows, export.Row{Proc: &s.Procs[i]})
	}
	return rows
}
