package ui

import (
	"slices"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/layer"
	psort "github.com/pidtop/pidtop/internal/sort"
)

// view is the viewer's model: the current snapshot, how it is filtered, ordered
// and nested, what is selected, tagged and folded. It knows nothing of widgets
// and is owned by the UI goroutine (no locks).
type view struct {
	// snap is what the view shows: src, the collector's snapshot, plus the
	// exited processes still within their highlight time (ghosts). Without
	// ghosts the two are the same snapshot.
	snap      *collect.Snapshot
	src       *collect.Snapshot
	cols      []*column    // visible columns, Command last
	sortField *field.Field // may be a field no visible column shows
	reverse   bool         // against the sort column's natural direction
	tree      bool
	merged    bool // the Command column merges exe, comm and command line: read exe
	query     psort.Query

	collapsed map[collect.ID]bool // folded subtrees (tree mode)
	allFolded bool                // * folded every subtree; * again opens them
	tagged    map[collect.ID]bool // for the actions: Space, c, U

	// fill, when the feed reads statm only for the rows on screen, asks it to
	// read what a row that came on screen after its tick lacks
	// (collect.Collector.Fill); the answer comes back as a message. asked holds
	// those rows (by index into snap.Procs) since the snapshot came, ask those
	// of this frame, not yet sent (see sendAsks); filled the completed copies,
	// until the next snapshot.
	fill   func(ps []collect.Process, memTotal uint64, done func([]collect.Process)) bool
	asked  map[int]bool
	ask    []int
	filled map[int]*collect.Process
	// onFilled is told when filled rows came, to draw them again.
	onFilled func()

	order    []int       // display rows: indices into snap.Procs
	rows     []psort.Row // tree rows parallel to order, in tree mode
	pidWidth int

	// sel is the selected process; the zero ID means no choice yet (or Home): the
	// selection then stays on the first row, as htop's does on start.
	// born is when each process the highlight marks as new was first seen, so
	// it stays marked for highlightFor (htop -H SECS), not one refresh.
	born         map[collect.ID]time.Time
	highlightFor time.Duration
	// ghosts are the processes that exited less than highlightFor ago: htop -d
	// with -H SECS keeps a dead process listed, in the exited colour, for SECS,
	// while the collector keeps its tombstone for one tick only.
	ghosts map[collect.ID]ghost

	sel    collect.ID
	selRow int  // sel's position in order
	follow bool // F: keep sel even when it leaves the view, scroll to it
	lost   bool // set by rebuild when a followed process exited
}

func newView() *view {
	return &view{snap: &collect.Snapshot{}, collapsed: map[collect.ID]bool{}, tagged: map[collect.ID]bool{}}
}

// procs is the current snapshot's process slice.
func (v *view) procs() []collect.Process { return v.snap.Procs }

// ghost is an exited process kept on screen, and when it was seen to exit.
type ghost struct {
	p    collect.Process
	died time.Time
}

// setSnap makes s the current snapshot.
func (v *view) setSnap(s *collect.Snapshot) {
	v.src = s
	v.snap = v.haunt(s)
	clear(v.filled)
	clear(v.asked)
	v.ask = v.ask[:0]
	v.noteBirths()
}

// haunt returns s with the ghosts still within their time appended, as a
// copy (a published snapshot is never changed), or s itself when there are
// none. It files s's tombstones as new ghosts.
func (v *view) haunt(s *collect.Snapshot) *collect.Snapshot {
	if v.highlightFor <= 0 {
		clear(v.ghosts)
		return s
	}
	if v.ghosts == nil {
		v.ghosts = map[collect.ID]ghost{}
	}
	var inSnap map[collect.ID]bool // made on the first tombstone: most ticks have none
	for i := range s.Procs {
		if p := &s.Procs[i]; p.Flags&collect.FlagExited != 0 {
			if inSnap == nil {
				inSnap = map[collect.ID]bool{}
			}
			inSnap[p.ID] = true
			if _, ok := v.ghosts[p.ID]; !ok {
				v.ghosts[p.ID] = ghost{p: *p, died: s.Time}
			}
		}
	}
	if len(v.ghosts) == 0 {
		return s
	}
	var extra []collect.Process
	for id, g := range v.ghosts {
		switch {
		case s.Time.Sub(g.died) >= v.highlightFor:
			delete(v.ghosts, id)
		case !inSnap[id]:
			extra = append(extra, g.p)
		}
	}
	if len(extra) == 0 {
		return s
	}
	// Map order is random; the sort orders rows, but ties and the unsorted
	// tree siblings must not flicker between frames.
	slices.SortFunc(extra, func(a, b collect.Process) int { return int(a.PID) - int(b.PID) })
	c := *s
	c.Procs = append(s.Procs[:len(s.Procs):len(s.Procs)], extra...)
	return &c
}

// noteBirths files the processes new in this snapshot, and forgets those
// whose highlight is over.
func (v *view) noteBirths() {
	if v.highlightFor <= 0 {
		clear(v.born)
		return
	}
	if v.born == nil {
		v.born = map[collect.ID]time.Time{}
	}
	now := v.snap.Time
	for id, t := range v.born {
		if now.Sub(t) >= v.highlightFor {
			delete(v.born, id)
		}
	}
	for i := range v.snap.Procs {
		if p := &v.snap.Procs[i]; p.Flags&collect.FlagNew != 0 {
			v.born[p.ID] = now
		}
	}
}

// isNew reports whether p is still marked new: first seen less than
// highlightFor ago.
func (v *view) isNew(p *collect.Process) bool {
	if p.Flags&collect.FlagNew != 0 {
		return true
	}
	_, ok := v.born[p.ID]
	return ok
}

// proc returns the process on display row i (0-based), or nil.
func (v *view) proc(i int) *collect.Process {
	if i < 0 || i >= len(v.order) {
		return nil
	}
	k := v.order[i]
	if q := v.filled[k]; q != nil {
		return q
	}
	return &v.snap.Procs[k]
}

// shownProc is proc for a row about to be drawn. When the collector read its
// statm only for the rows on screen and this one was not among them, or could
// not read its command line (a read caught mid-exec), the row is drawn as it
// is and queued for sendAsks, once per snapshot: the collector reads it, and
// the frame after its answer has it exact and complete. Nothing is read on the UI goroutine: a read of a command line can
// wait on another process's memory map lock.
func (v *view) shownProc(i int) *collect.Process {
	p := v.proc(i)
	if v.fill == nil || p == nil || p.Flags&(collect.FlagExited|collect.FlagThread) != 0 {
		return p
	}
	needShr := !p.Known.Has(collect.KnownShr) && v.needs()&collect.NeedShrShown != 0
	needCmd := !p.Known.Has(collect.KnownCmdline) && p.Flags&collect.FlagKernelThread == 0
	if !needShr && !needCmd {
		return p
	}
	k := v.order[i]
	if v.asked[k] {
		return p // asked already; an answer that filled nothing is not asked again
	}
	if v.asked == nil {
		v.asked = make(map[int]bool)
	}
	v.asked[k] = true
	v.ask = append(v.ask, k)
	return p
}

// sendAsks sends the rows shownProc queued during a frame to the feed, with
// copies of their records; post runs the answer on the UI goroutine (and
// redraws). An answer for a snapshot no longer shown is dropped.
func (v *view) sendAsks(post func(func())) {
	if len(v.ask) == 0 {
		return
	}
	idx := slices.Clone(v.ask)
	v.ask = v.ask[:0]
	ps := make([]collect.Process, len(idx))
	for j, k := range idx {
		ps[j] = v.snap.Procs[k]
	}
	snap := v.snap
	accepted := v.fill(ps, snap.System.Memory.Total, func(done []collect.Process) {
		go post(func() { // never holds up the collector
			if v.snap != snap {
				return
			}
			if v.filled == nil {
				v.filled = make(map[int]*collect.Process)
			}
			for j, k := range idx {
				v.filled[k] = &done[j]
			}
			if v.onFilled != nil {
				v.onFilled()
			}
		})
	})
	if !accepted { // the collector's queue is full: ask again next frame
		for _, k := range idx {
			delete(v.asked, k)
		}
	}
}

// cmp is the current total order.
func (v *view) cmp() psort.Cmp {
	return v.sortField.Order(v.reverse, &field.Env{Now: v.snap.Time, CPUs: max(len(v.snap.System.CPUs), 1)})
}

// rebuild recomputes the display rows from the snapshot and the settings, then
// puts the selection back on its process.
func (v *view) rebuild() {
	procs := v.procs()
	idx := psort.Select(procs, v.query, v.order[:0])
	if v.tree {
		v.rows = psort.Tree(procs, idx, v.cmp(), func(id collect.ID) bool { return v.collapsed[id] })
		v.order = idx[:0]
		for _, r := range v.rows {
			v.order = append(v.order, r.Index)
		}
	} else {
		psort.Sort(procs, idx, v.cmp())
		v.order, v.rows = idx, nil
	}
	maxPID := int32(0)
	live := 0 // tagged processes still running
	for i := range procs {
		maxPID = max(maxPID, procs[i].PID)
		if len(v.tagged) > 0 && v.tagged[procs[i].ID] && procs[i].Flags&collect.FlagExited == 0 {
			live++
		}
	}
	if live < len(v.tagged) { // forget the tags of processes that exited
		for id := range v.tagged {
			if !v.hasLive(procs, id) {
				delete(v.tagged, id)
			}
		}
	}
	v.pidWidth = len(num(maxPID))
	v.relocate()
}

// hasLive reports whether procs holds id and it has not exited.
func (v *view) hasLive(procs []collect.Process, id collect.ID) bool {
	for i := range procs {
		if procs[i].ID == id && procs[i].Flags&collect.FlagExited == 0 {
			return true
		}
	}
	return false
}

// relocate finds the selected process's row. If it is gone (or filtered out) the
// selection stays at the same row number, which now holds the next process.
func (v *view) relocate() {
	if v.sel == (collect.ID{}) {
		v.selRow = 0
		return
	}
	for i, k := range v.order {
		if v.snap.Procs[k].ID == v.sel {
			v.selRow = i
			return
		}
	}
	if v.follow {
		if v.present(v.sel) { // hidden by a filter: keep following, the selection returns with it
			v.selRow = max(0, min(v.selRow, len(v.order)-1))
			return
		}
		v.follow, v.lost = false, true
	}
	v.selRow = max(0, min(v.selRow, len(v.order)-1))
	if p := v.proc(v.selRow); p != nil {
		v.sel = p.ID
	}
}

// present reports whether the snapshot holds a live process with this ID.
func (v *view) present(id collect.ID) bool {
	for i := range v.snap.Procs {
		if p := &v.snap.Procs[i]; p.ID == id && p.Flags&collect.FlagExited == 0 {
			return true
		}
	}
	return false
}

// choose makes display row i the selection (an explicit choice of the user).
func (v *view) choose(i int) {
	if p := v.proc(i); p != nil {
		v.sel, v.selRow = p.ID, i
	}
}

// selected returns the selected process, or nil when the view is empty.
func (v *view) selected() *collect.Process {
	p := v.proc(v.selRow)
	if p == nil || (v.sel != (collect.ID{}) && p.ID != v.sel) {
		return nil
	}
	return p
}

// toggleTag tags or untags the selected process.
func (v *view) toggleTag() {
	if p := v.selected(); p != nil {
		if v.tagged[p.ID] {
			delete(v.tagged, p.ID)
		} else {
			v.tagged[p.ID] = true
		}
	}
}

// tagTree tags the selected process and all its descendants in the snapshot
// (htop's c), shown or not.
func (v *view) tagTree() {
	p := v.selected()
	if p == nil {
		return
	}
	procs := v.procs()
	kids := map[int32][]int{}
	for i := range procs {
		kids[procs[i].PPID] = append(kids[procs[i].PPID], i)
	}
	stack := []int{v.order[v.selRow]}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v.tagged[procs[i].ID] {
			continue
		}
		v.tagged[procs[i].ID] = true
		stack = append(stack, kids[procs[i].PID]...)
	}
}

// taggedProcs returns the tagged processes present in the snapshot.
func (v *view) taggedProcs() []collect.Process {
	var out []collect.Process
	if len(v.tagged) == 0 {
		return nil
	}
	for _, p := range v.procs() {
		if v.tagged[p.ID] {
			out = append(out, p)
		}
	}
	return out
}

// fold collapses (or with open, expands) the selected process's subtree.
func (v *view) fold(open bool) {
	p := v.selected()
	if p == nil || !v.tree {
		return
	}
	if open {
		delete(v.collapsed, p.ID)
	} else if v.rows[v.selRow].Children > 0 {
		v.collapsed[p.ID] = true
	}
}

// needs is what the collector must read for the visible columns and the sort;
// the command line always, since filter and search match it. When the feed can
// read statm for the rows on screen only, the columns ask for that, and only a
// sort by RES, SHR or MEM% reads it for every process (stat's resident count is
// the kernel's per-CPU-cached one: close, but not the order the exact figures
// on screen would show). A sort by a field that can change while its process
// sleeps asks for every stat every tick (NeedFresh).
func (v *view) needs() collect.Needs {
	fs := make([]*field.Field, len(v.cols))
	for i, c := range v.cols {
		fs[i] = c.f
	}
	return showNeeds(fs, v.sortField, v.merged, v.fill != nil)
}

// showNeeds is field.ShowNeeds, plus the executable when the Command
// column merges it in.
func showNeeds(fs []*field.Field, sort *field.Field, merged, shownOnly bool) collect.Needs {
	n := field.ShowNeeds(fs, sort, shownOnly && layer.On(layer.ShrShown))
	if merged {
		n |= collect.NeedExe
	}
	return n
}

// FirstNeeds is what the collector reads for the first frame of a viewer
// that starts with s, on a feed that reads statm for the rows on screen (the
// viewer tells the feed its needs itself from then on).
func FirstNeeds(s *config.Settings) collect.Needs {
	sc := s.Active()
	var fs []*field.Field
	for _, id := range sc.Columns {
		if f, ok := field.Lookup(id); ok {
			fs = append(fs, f)
		}
	}
	sort, _ := field.Lookup(sc.SortKey)
	return showNeeds(fs, sort, s.MergedCommand, true)
}

// users lists the distinct user names of the snapshot, sorted.
func (v *view) users() []string {
	seen := map[string]bool{}
	var out []string
	for i := range v.snap.Procs {
		if u := v.snap.Procs[i].User(); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}
