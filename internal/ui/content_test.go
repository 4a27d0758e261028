package ui

import (
	"fmt"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
)

// manyProcs builds n processes with varied figures.
func manyProcs(n int) *collect.Snapshot {
	procs := make([]collect.Process, n)
	for i := range procs {
		pid := int32(i + 1)
		procs[i] = collect.Process{ID: collect.ID{PID: pid, Start: uint64(pid)}, PPID: pid / 2, TGID: pid,
			Info: &collect.Info{User: "user", Cmdline: fmt.Sprintf("/usr/bin/sleep %d", i), Argv0Len: 14}, State: 'S', CPUPercent: float64(i*7919%1000) / 10, ResBytes: uint64(i*104729%100000) << 10,
			Name: "sleep", Known: 1<<32 - 1}
	}
	return &collect.Snapshot{Procs: procs}
}

// tableFor is the process table alone over n processes, drawn on a w×h screen.
func tableFor(n, w, h int, tree bool) (*view, *content, *procTable, tcell.SimulationScreen) {
	v := newView()
	v.cols, _ = lookupColumns(nil)
	v.sortField, _ = field.Lookup("cpu_percent")
	v.tree = tree
	v.snap = manyProcs(n)
	v.rebuild()
	c := newContent(v, colourTheme(256))
	t := tview.NewTable().SetContent(c).SetFixed(1, 0).SetSelectable(true, false)
	scr := tcell.NewSimulationScreen("UTF-8")
	_ = scr.Init()
	scr.SetSize(w, h)
	t.SetRect(0, 0, w, h)
	return v, c, &procTable{Table: t, c: c}, scr
}

// TestTableIsVirtual draws 30,000 processes and checks only the rows on screen
// were made.
func TestTableIsVirtual(t *testing.T) {
	for _, tree := range []bool{false, true} {
		v, c, tbl, scr := tableFor(30000, 120, 40, tree)
		tbl.Select(15000, 0)
		tbl.Draw(scr)
		if len(v.order) != 30000 {
			t.Fatalf("%d rows", len(v.order))
		}
		if n := len(c.cache); n > 41 {
			t.Errorf("tree=%v: %d rows made for a 40-line table of 30,000", tree, n)
		}
	}
}

func BenchmarkRebuild30k(b *testing.B) {
	v, _, _, _ := tableFor(30000, 120, 40, false)
	for b.Loop() {
		v.rebuild()
	}
}

func BenchmarkRebuildTree30k(b *testing.B) {
	v, _, _, _ := tableFor(30000, 120, 40, true)
	for b.Loop() {
		v.rebuild()
	}
}

// BenchmarkDraw draws a full 160×50 table: the cost is the same for 100 and
// for 30,000 processes.
func BenchmarkDraw(b *testing.B) {
	for _, n := range []int{100, 30000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			_, c, tbl, scr := tableFor(n, 160, 50, false)
			tbl.Select(n/2, 0)
			for b.Loop() {
				c.invalidate()
				tbl.Draw(scr)
			}
		})
	}
}

// Rows made for one set of columns and kept for reuse are never handed out
// once the columns changed: a row one cell short panicked the draw when a
// column was added in setup between a recycle and the next frame.
func TestRecycledRowsFollowTheColumns(t *testing.T) {
	v, c, tbl, scr := tableFor(100, 160, 40, false)
	tbl.Draw(scr)
	c.invalidate() // the drawn rows go to the free list, 12 cells each
	v.cols, _ = lookupColumns(append(config.Defaults().Screens[0].Columns, "ppid", "tty"))
	tbl.Draw(scr) // panicked: index out of range [12] with length 12
	m := c.cache[1]
	if m == nil || len(m.cells) != len(v.cols) {
		t.Fatalf("row 1 after adding columns: %v", m)
	}
}

// The first tick reads what the viewer itself asks for once it runs: the
// columns' needs with statm for the rows on screen alone, the sort's, the
// command line, and the executable when Command merges it in.
func TestFirstNeeds(t *testing.T) {
	s := config.Defaults()
	s.Screens[0].Columns = []string{"pid", "shr_bytes", "command"}
	s.Screens[0].SortKey = "pid"
	n := FirstNeeds(&s)
	if n&collect.NeedShrShown == 0 || n&collect.NeedShr != 0 || n&collect.NeedCmdline == 0 || n&collect.NeedExe != 0 {
		t.Errorf("SHR shown, sorted by PID: needs %b", n)
	}
	s.MergedCommand = true
	s.Screens[0].SortKey = "mem_percent"
	mem, _ := field.Lookup("mem_percent")
	if n := FirstNeeds(&s); n&collect.NeedExe == 0 || n&mem.SortNeeds() != mem.SortNeeds() {
		t.Errorf("merged Command, sorted by MEM%%: needs %b", n)
	}
}
