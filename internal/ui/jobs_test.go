package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// TestCtrlZSuspends: Ctrl-Z stops the viewer (here a stand-in for the stop,
// which records the frames drawn by then) from the main screen, the help, a
// menu and the search line, and the frame after it shows each as it was.
func TestCtrlZSuspends(t *testing.T) {
	var h *harness
	stops := make(chan int, 1)
	cfg := ui.WithStop(ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, func() { stops <- h.Frames() })
	h = start(t, cfg, filterProcs()...)
	h.WaitText(t, "F10Quit")
	for _, c := range []struct {
		name  string
		open  func()
		shown string
	}{
		{"main screen", func() {}, "F10Quit"},
		{"help", func() { h.Key(tcell.KeyF1) }, "any other key returns"},
		{"menu", func() { h.Key(tcell.KeyF6) }, "Sort by"},
		{"search", func() { h.Type("/") }, "Search:"},
	} {
		c.open()
		h.WaitText(t, c.shown)
		h.Key(tcell.KeyCtrlZ)
		var n int
		select {
		case n = <-stops:
		case <-time.After(uitest.Timeout):
			t.Fatalf("%s: Ctrl-Z did not stop the viewer; screen:\n%s", c.name, h.Text())
		}
		h.WaitFor(t, c.name+" after the stop", func(lines []string) bool {
			return h.Frames() > n && strings.Contains(strings.Join(lines, "\n"), c.shown)
		})
		if c.name != "main screen" {
			h.Key(tcell.KeyEscape)
			h.WaitGone(t, c.shown)
		}
	}
}
