package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// The viewer releases each snapshot it replaces, never the one on screen nor
// one it did not apply (paused), and nothing it draws afterwards comes from a
// released snapshot: the test scribbles over the released records, as the
// collector's next tick would, and the screen stays right.
func TestReleaseReplacedSnapshots(t *testing.T) {
	h := start(t, ui.Config{})
	procs := func(name string) []collect.Process {
		return []collect.Process{uitest.Proc(1, 0, "root", "/sbin/init"),
			uitest.Proc(200, 1, "alice", name+" --serve"), uitest.Proc(300, 1, "bob", name+" --work")}
	}
	s1 := uitest.Snapshot(procs("alpha")...)
	h.publishSnap(t, s1)
	s2 := uitest.Snapshot(procs("beta")...)
	h.publishSnap(t, s2)
	rel := h.feed.Released()
	if len(rel) == 0 || rel[len(rel)-1] != s1 {
		t.Fatalf("after the second snapshot the viewer released %v, want the first last", rel)
	}
	for i := range s1.Procs { // what a later tick writes into the released memory
		s1.Procs[i].Name = "POISON"
		s1.Procs[i].Info = &collect.Info{User: "POISON", Cmdline: "POISON"}
		s1.Procs[i].PID += 1000
	}
	h.Key(tcell.KeyDown) // move the selection: the table is drawn again
	h.KeyMod(tcell.KeyCtrlL, tcell.ModCtrl)
	h.Key(tcell.KeyEnter) // details of the selected process, built from the snapshot
	lines := h.WaitText(t, "beta --serve")
	if text := strings.Join(lines, "\n"); strings.Contains(text, "POISON") || strings.Contains(text, "1200") {
		t.Errorf("a released snapshot reached the screen:\n%s", text)
	}
	h.Key(tcell.KeyEscape)

	h.Type("Z") // pause
	h.WaitText(t, "PAUSED")
	n := len(h.feed.Released())
	h.feed.Publish(t, uitest.Snapshot(procs("gamma")...))
	// The channel holds one snapshot and the pump waits for each apply: once
	// the next one is taken, the one before was handled (dropped, paused).
	h.feed.Publish(t, uitest.Snapshot(procs("delta")...))
	h.feed.Publish(t, uitest.Snapshot(procs("epsilon")...))
	if got := h.feed.Released()[n:]; len(got) > 0 {
		t.Errorf("released %d snapshots while paused", len(got))
	}
	h.Type("Z") // resume
	h.WaitGone(t, "PAUSED")
	if lines := h.Lines(); strings.Contains(strings.Join(lines, "\n"), "POISON") {
		t.Error("a released snapshot reached the screen after the pause")
	}
}
