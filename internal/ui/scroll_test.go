package ui_test

import (
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// The table shows its first rows when the rows come: on the first snapshot
// (the table was drawn empty before it), and after a snapshot with fewer rows
// than fit (as under a narrow filter). tview's Table would follow its last row
// from then on: the first frame showed the highest PIDs.
func TestTableStartsAtTheTop(t *testing.T) {
	many := func(n int) *collect.Snapshot {
		var ps []collect.Process
		for i := 1; i <= n; i++ {
			ps = append(ps, uitest.Proc(int32(i), 0, "root", "/bin/x"))
		}
		return uitest.Snapshot(ps...)
	}
	h := start(t, ui.Config{})
	h.publishSnap(t, many(100))
	if got := pids(h.Lines()); len(got) == 0 || got[0] != 1 {
		t.Fatalf("first snapshot: rows from %v, want from PID 1", got[:min(3, len(got))])
	}
	h.publishSnap(t, many(3))
	h.publishSnap(t, many(100))
	if got := pids(h.Lines()); len(got) == 0 || got[0] != 1 {
		t.Fatalf("after a short table: rows from %v, want from PID 1", got[:min(3, len(got))])
	}
}
