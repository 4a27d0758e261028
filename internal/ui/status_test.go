package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// TestStatusLineKeepsTheBar: a message goes on a line of its own above the
// function bar, which stays whole; the states (PAUSED …) stay on the bar's
// right where they fit beside the keys (htop's place), and join that line
// where they do not (80 columns, with the action keys on the bar).
func TestStatusLineKeepsTheBar(t *testing.T) {
	const msg = "SIGTERM sent to pid 4242 (sleep) via pidfd; it exited 3 ms later, a message as long as they come"
	say := ui.Binding{Key: tcell.KeyRune, Rune: 'x', Do: func(a ui.Actions) { a.Status(msg) }}
	var procs []collect.Process // more than the screen's rows: the table runs to the bar
	for i := range 60 {
		procs = append(procs, uitest.Proc(int32(1000+i), 1, "bob", fmt.Sprintf("/usr/bin/worker-%d", i)))
	}
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid")), Bindings: append(ui.ActionBindings(ui.ActionConfig{}), say)}, procs...)
	bottom := func(lines []string) (above, last string) {
		if len(lines) < 2 {
			return "", ""
		}
		return lines[len(lines)-2], lines[len(lines)-1]
	}
	_, bar := bottom(h.WaitText(t, "F10Quit"))
	if !strings.HasPrefix(bar, "F1Help") || !strings.HasSuffix(bar, "F10Quit") {
		t.Fatalf("the function bar: %q", bar)
	}

	h.Type("x")
	above, last := bottom(h.WaitText(t, "as long as they come"))
	if last != bar || above != msg {
		t.Errorf("the message and the bar:\n%q\n%q\nwant\n%q\n%q", above, last, msg, bar)
	}

	h.Type("Z") // the message goes with the next key, and its line with it
	above, last = bottom(h.WaitFor(t, "PAUSED, the message gone", func(lines []string) bool {
		s := strings.Join(lines, "\n")
		return strings.Contains(s, "PAUSED") && !strings.Contains(s, msg)
	}))
	if !strings.HasPrefix(last, bar) || !strings.HasSuffix(last, " PAUSED") {
		t.Errorf("at 120 columns PAUSED belongs on the bar's right:\n%q\n%q", above, last)
	}
	if !strings.Contains(above, "/usr/bin/worker-") {
		t.Errorf("with no message the table runs to the bar:\n%s", h.Text())
	}

	const narrow = 80 // the keys leave no room for PAUSED
	h.Resize(narrow, 40)
	above, last = bottom(h.WaitFor(t, "80 columns", func(lines []string) bool {
		return len(lines) > 0 && len(lines[0]) <= narrow && strings.Contains(strings.Join(lines, "\n"), "PAUSED")
	}))
	if want := strings.TrimRight(bar[:min(len(bar), narrow)], " "); last != want || strings.TrimSpace(above) != "PAUSED" {
		t.Errorf("at 80 columns PAUSED belongs above the bar:\n%q\n%q", above, last)
	}
}

// TestStatusLineNotices: every notice given at start is said on the status
// line, sanitized, in order; an empty one is skipped.
func TestStatusLineNotices(t *testing.T) {
	h := start(t, ui.Config{Notices: []string{"config.toml:3: bad delay", "", "open-file limit 64\x1b[2J"}},
		uitest.Proc(1, 0, "root", "/sbin/init"))
	lines := h.WaitText(t, "open-file limit 64")
	want := "config.toml:3: bad delay; open-file limit 64"
	if above := lines[len(lines)-2]; !strings.HasPrefix(above, want) || strings.Contains(above, "\x1b") {
		t.Errorf("the status line: %q, want %q and the escape shown, not sent", above, want)
	}
}
