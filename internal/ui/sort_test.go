package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// sortProcs differ in every sorted figure: CPU order 30 10 20 40, MEM order
// 20 40 10 30, TIME order 40 30 20 10.
func sortProcs() []collect.Process {
	return []collect.Process{
		with(uitest.Proc(10, 1, "alice", "/bin/a"), 5, 1, 10),
		with(uitest.Proc(20, 1, "bob", "/bin/b"), 3, 9, 20),
		with(uitest.Proc(30, 1, "carol", "/bin/c"), 50, 0.5, 30),
		with(uitest.Proc(40, 1, "dave", "/bin/d"), 1, 5, 40),
	}
}

func TestSortShortcuts(t *testing.T) {
	h := start(t, ui.Config{}, sortProcs()...)
	h.waitOrder(t, "default CPU% sort", 30, 10, 20, 40)
	cases := []struct {
		keys   string
		marker string // the sort column's title with its direction
		want   []int
	}{
		{"M", "MEM%▽", []int{20, 40, 10, 30}},
		{"T", "TIME+▽", []int{40, 30, 20, 10}},
		{"N", "PID△", []int{10, 20, 30, 40}},
		{"I", "PID▽", []int{40, 30, 20, 10}}, // invert
		{"P", "CPU%▽", []int{30, 10, 20, 40}},
		{"I", "CPU%△", []int{40, 20, 10, 30}},
	}
	for _, c := range cases {
		h.Type(c.keys)
		h.waitOrder(t, "after "+c.keys, c.want...)
		h.WaitText(t, c.marker)
	}
}

func TestSortMenuAndTitleClick(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, sortProcs()...)
	h.waitOrder(t, "-s pid", 10, 20, 30, 40)
	h.Key(tcell.KeyF6)
	h.WaitText(t, "Sort by")
	h.Key(tcell.KeyDown) // PID -> USER
	h.Key(tcell.KeyEnter)
	h.WaitGone(t, "Sort by")
	h.WaitText(t, "USER△")
	h.waitOrder(t, "sorted by user", 10, 20, 30, 40)

	x, y, ok := h.Find("TIME+")
	if !ok {
		t.Fatal("no TIME+ title")
	}
	h.Click(x+1, y)
	h.waitOrder(t, "title click", 40, 30, 20, 10)
	h.Click(x+1, y)
	h.waitOrder(t, "second title click inverts", 10, 20, 30, 40)
	h.WaitText(t, "TIME+△")
}

func TestSortNeedsReachTheFeed(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.Columns("pid", "command"), uitest.SortBy("pid"))}, sortProcs()...)
	if h.feed.Needs()&collect.NeedShr != 0 {
		t.Fatalf("needs %b with SHR hidden", h.feed.Needs())
	}
	h.Key(tcell.KeyF6)
	h.WaitText(t, "Sort by")
	for range 6 { // PID USER PRI NI VIRT RES SHR
		h.Key(tcell.KeyDown)
	}
	h.Key(tcell.KeyEnter)
	h.WaitGone(t, "Sort by")
	h.WaitFor(t, "SHR needed by the sort", func([]string) bool { return h.feed.Needs()&collect.NeedShr != 0 })
	if !strings.Contains(h.Text(), "PID") {
		t.Fatal("table lost")
	}
	if h.feed.Needs()&collect.NeedFresh != 0 {
		t.Errorf("needs %b sorted by SHR: every stat every tick is for fields that change while asleep", h.feed.Needs())
	}
	// NI: another process's renice changes it while the process sleeps, so a
	// sort by it has every process's stat read every tick.
	h.Key(tcell.KeyF6)
	h.WaitText(t, "Sort by")
	for range 3 { // SHR RES VIRT NI
		h.Key(tcell.KeyUp)
	}
	h.Key(tcell.KeyEnter)
	h.WaitGone(t, "Sort by")
	h.WaitFor(t, "every stat needed by a sort by NI", func([]string) bool { return h.feed.Needs()&collect.NeedFresh != 0 })
}
