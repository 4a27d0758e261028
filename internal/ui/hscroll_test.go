package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// Left and Right shift the whole table, header and all; $ brings the end of a
// command line longer than the screen into view, ^ returns to the start.
func TestHorizontalScroll(t *testing.T) {
	long := "/usr/bin/worker " + strings.Repeat("--option ", 20) + "--the-very-end"
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))},
		uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(2, 1, "root", long))
	lines := h.WaitText(t, "/usr/bin/worker")
	hd := header(lines)
	head, row := []rune(lines[hd]), []rune(lines[hd+2])
	if strings.Contains(h.Text(), "--the-very-end") {
		t.Fatal("the long command line fits: the test proves nothing")
	}
	h.Key(tcell.KeyRight)
	h.WaitFor(t, "the header and the rows shifted 5 columns", func(lines []string) bool {
		return strings.HasPrefix(lines[hd], string(head[5:60])) && strings.HasPrefix(lines[hd+2], string(row[5:60]))
	})
	h.Key(tcell.KeyCtrlB) // htop's other name for Left
	h.WaitText(t, string(head[:60]))
	h.Key(tcell.KeyCtrlF) // and for Right
	h.WaitFor(t, "shifted again", func(lines []string) bool { return strings.HasPrefix(lines[hd], string(head[5:60])) })
	h.Key(tcell.KeyLeft)
	h.WaitText(t, string(head[:60]))

	h.Key(tcell.KeyDown)
	h.waitSelected(t, 2)
	h.Type("$")
	lines = h.WaitText(t, "--the-very-end")
	if !strings.HasSuffix(lines[hd+2], "--the-very-end") || len([]rune(lines[hd+2])) < 118 {
		t.Fatalf("$: the line should end at the right edge: %q", lines[hd+2])
	}
	if strings.Contains(lines[hd], "PID") {
		t.Fatalf("$: the header did not move with the rows: %q", lines[hd])
	}
	h.Type("^")
	h.WaitText(t, string(head[:60]))
	h.WaitGone(t, "--the-very-end")

	h.Key(tcell.KeyCtrlE)
	h.WaitText(t, "--the-very-end")
	h.Key(tcell.KeyCtrlA)
	h.WaitText(t, string(head[:60]))

	// Right stops where the widest line on screen ends.
	for range 60 {
		h.Key(tcell.KeyRight)
	}
	h.WaitText(t, "--the-very-end")
	h.Key(tcell.KeyLeft)
	h.WaitGone(t, "--the-very-end")
}
