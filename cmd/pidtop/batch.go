package main

import (
	"bufio"
	"context"
	"errors"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/ui"
	"io"
	"strings"
	"syscall"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/sort"
)

// batchFields are the fields batch output prints: --fields, else every field
// but the optional ones in JSON, htop's default columns in text.
func batchFields(o options) []*field.Field {
	if len(o.fields) > 0 {
		return o.fields
	}
	if o.json {
		return jsonFields()
	}
	fs, _ := field.Parse(strings.Join(ui.DefaultColumns(), ","))
	return fs
}

// batchSortKey is -s, else CPU%, as htop sorts.
func batchSortKey(o options) string {
	if o.sortKey == "" {
		return "cpu_percent"
	}
	return o.sortKey
}

// batchNeeds is what the collector reads for batch output: the printed fields',
// the sort field's, and the command line the filter matches.
func batchNeeds(o options) collect.Needs {
	n := field.Needs(batchFields(o)) | collect.NeedCmdline
	if f, ok := field.Lookup(batchSortKey(o)); ok {
		n |= f.SortNeeds()
	}
	return n
}

// runBatch prints o.iterations snapshots (or until ctx is done) to w. A reader
// that went away (EPIPE: `pidtop -b | head`) ends it quietly with no error.
func runBatch(ctx context.Context, o options, w io.Writer) error {
	c, err := collect.New(collect.Config{Interval: o.delay, Threads: o.threads, Needs: batchNeeds(o),
		CmdlineEveryTick: o.cmdEvery})
	if err != nil {
		return err
	}
	defer c.Close()
	cmp, err := sort.By(batchSortKey(o), o.sortReverse)
	if err != nil {
		return err
	}
	q := sort.Query{User: o.user, PIDs: o.pids, Filter: o.filter, HideThreads: !o.threads}
	fs := batchFields(o)
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
		wait = o.delay
		s := c.Collect()
		rows := batchRows(s, q, cmp, o.tree)
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
