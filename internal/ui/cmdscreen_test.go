package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// w shows the selected process's whole command line, wrapped, sanitized and
// scrollable; W (pidtop's wait) is not w.
func TestCommandScreen(t *testing.T) {
	var args []string
	for i := range 900 {
		args = append(args, "--arg"+strings.Repeat("x", i%7))
	}
	long := "/usr/bin/worker\x1b[31m " + strings.Join(args, " ") + " --the-very-end"
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid")), Bindings: ui.ActionBindings(ui.ActionConfig{})},
		uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(2, 1, "root", long))
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 2)
	h.Type("w")
	lines := h.WaitText(t, "Command of process 2")
	text := strings.Join(lines, "\n")
	if strings.Contains(text, "\x1b") || !strings.Contains(text, "worker^[[31m") {
		t.Fatalf("the command line is not sanitized:\n%s", text)
	}
	if strings.Contains(text, "--the-very-end") {
		t.Fatal("the whole command fits on one screen: the test proves nothing about scrolling")
	}
	for _, l := range lines {
		if strings.Contains(l, "--arg") && strings.Contains(l, "--argx--") {
			t.Fatalf("a word was split by the wrap: %q", l)
		}
	}
	h.Key(tcell.KeyEnd)
	h.WaitText(t, "--the-very-end")
	h.Type("q")
	h.WaitGone(t, "Command of process")
	h.WaitText(t, "F10Quit")

	h.Type("W") // pidtop's own wait: "waiting for", then "had already exited" (the row is made up)
	h.WaitText(t, "pid 2 (worker")
	h.Key(tcell.KeyF1)
	h.WaitText(t, "those marked [pidtop] are pidtop's own")
	h.Key(tcell.KeyEnd)
	h.WaitText(t, "whole command line, wrapped")
	h.WaitText(t, "wait in the background for the selected process to exit and show its exit status [pidtop]")
}
