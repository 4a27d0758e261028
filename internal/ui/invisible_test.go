package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/textsafe"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// A command with a zero-width space shows the escape in its row, not "sshd";
// one of Z and 200 combining marks keeps its Z, four marks and the count of
// the rest, in its row and in the details pane.
func TestInvisibleAndCombiningText(t *testing.T) {
	capped := "Z" + strings.Repeat("\u0336", 4) + "…+196 --flag"
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))},
		uitest.Proc(66, 1, "root", "/usr/sbin/s\u200bshd -D"),
		uitest.Proc(67, 1, "root", "Z"+strings.Repeat("\u0336", 200)+" --flag"))
	h.WaitText(t, `/usr/sbin/s\u200bshd -D`)
	lines := h.WaitText(t, capped)
	rawInvisible(t, lines)

	h.Key(tcell.KeyDown)
	h.waitSelected(t, 67)
	h.Key(tcell.KeyEnter)
	lines = h.WaitText(t, "Command:       "+capped)
	rawInvisible(t, lines)
}

// rawInvisible fails the test if a frame holds a code point that must be
// escaped.
func rawInvisible(t *testing.T, lines []string) {
	t.Helper()
	for _, l := range lines {
		for _, r := range l {
			if textsafe.MustEscape(r) {
				t.Fatalf("%U on screen: %q", r, l)
			}
		}
	}
}
