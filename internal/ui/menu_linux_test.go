package ui_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// menuItem is the open menu's highlighted item: the text between the menu's
// borders on the row drawn in the selection's style; "" without a menu.
func (h *harness) menuItem(lines []string) string {
	_, selBg, _ := tcell.StyleDefault.Background(tcell.ColorTeal).Decompose()
	for y, l := range lines {
		r := []rune(l)
		if len(r) < 3 || (r[0] != '│' && r[0] != '║') { // the focused list has a double border
			continue
		}
		if _, bg, attr := h.Style(1, y).Decompose(); bg == selBg || attr&tcell.AttrReverse != 0 {
			item, _, _ := strings.Cut(string(r[1:]), string(r[0]))
			return strings.TrimSpace(item)
		}
	}
	return ""
}

// alive fails the test if the spawned process has exited.
func alive(t *testing.T, pid int) {
	t.Helper()
	var ws syscall.WaitStatus
	if got, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil); got != 0 || err != nil {
		t.Fatalf("pid %d ended: %v (%v)", pid, ws, err)
	}
}

// TestMenusIgnorePrintableKeys: in every menu no printable key picks an item
// (tview's list picks on Space): Space, letters, digits and punctuation leave
// the menu open on its item, and the spawned sleep gets nothing; Down still
// moves, Esc closes.
func TestMenusIgnorePrintableKeys(t *testing.T) {
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	h := acting(t, ui.ActionConfig{}, pid)
	var printable strings.Builder
	for r := ' '; r <= '~'; r++ {
		printable.WriteRune(r)
	}
	for _, c := range []struct {
		name  string
		open  func()
		title string
	}{
		{"signal", func() { h.Type("k") }, fmt.Sprintf("Signal pid %d (sleep)", pid)},
		{"nice", func() { h.Type("n") }, fmt.Sprintf("Nice value for pid %d (sleep)", pid)},
		{"sort", func() { h.Key(tcell.KeyF6) }, "Sort by"},
		{"user", func() { h.Type("u") }, "Show processes of"},
	} {
		c.open()
		var first string
		h.WaitFor(t, c.name+" menu", func(lines []string) bool {
			first = h.menuItem(lines)
			return first != "" && strings.Contains(strings.Join(lines, "\n"), c.title)
		})
		h.Type(printable.String())
		h.Key(tcell.KeyDown) // keys are taken in order: once the highlight moved, the typed ones were taken
		lines := h.WaitFor(t, c.name+": the highlight moved, or the menu gone", func(lines []string) bool {
			return h.menuItem(lines) != first
		})
		if !strings.Contains(strings.Join(lines, "\n"), c.title) {
			t.Fatalf("%s: a printable key picked an item:\n%s", c.name, h.Text())
		}
		h.Key(tcell.KeyEscape)
		h.WaitGone(t, c.title)
	}
	if s := h.Text(); strings.Contains(s, "sent") || strings.Contains(s, "nice 0") {
		t.Errorf("an action ran:\n%s", s)
	}
	alive(t, pid)
}

// TestCtrlZThenKillTyped: Ctrl-Z stops the viewer (here a stand-in for the
// stop); had "kill %1", meant for the shell, reached the viewer anyway, k
// opens the signal menu on SIGTERM and nothing of " %1" sends it: the sleep
// lives. Enter then sends it.
func TestCtrlZThenKillTyped(t *testing.T) {
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	stops := make(chan struct{}, 1)
	cfg := ui.WithStop(ui.Config{Feed: liveFeed(t), Settings: uitest.Settings(uitest.SortBy("pid")), PIDs: []int32{int32(pid)},
		Bindings: ui.ActionBindings(ui.ActionConfig{Watch: uitest.Timeout})}, func() { stops <- struct{}{} })
	h := start(t, cfg)
	h.WaitFor(t, "the spawned sleep", func(lines []string) bool {
		return len(pids(lines)) == 1 && !strings.Contains(strings.Join(lines, "\n"), "sh -c exec")
	})
	h.Key(tcell.KeyCtrlZ)
	select {
	case <-stops:
	case <-time.After(uitest.Timeout):
		t.Fatalf("Ctrl-Z did not stop the viewer; screen:\n%s", h.Text())
	}

	title := fmt.Sprintf("Signal pid %d (sleep)", pid)
	h.Type("kill %1")
	h.Key(tcell.KeyDown)
	lines := h.WaitFor(t, "the menu past SIGTERM, or a signal sent", func(lines []string) bool {
		it := h.menuItem(lines)
		return (it != "" && !strings.Contains(it, "SIGTERM")) || strings.Contains(strings.Join(lines, "\n"), "sent to")
	})
	if s := strings.Join(lines, "\n"); !strings.Contains(s, title) || strings.Contains(s, "sent to") {
		t.Fatalf("a typed key picked from the signal menu:\n%s", s)
	}
	alive(t, pid)

	h.Type("15") // "kill %1" left the highlight on SIGHUP: digits move it, never pick
	h.WaitFor(t, "SIGTERM highlighted", func(lines []string) bool { return strings.HasSuffix(h.menuItem(lines), "SIGTERM") })
	h.Key(tcell.KeyEnter)
	h.WaitText(t, fmt.Sprintf("SIGTERM sent to pid %d (sleep)", pid))
	killedBy(t, cmd, syscall.SIGTERM)
}

// TestSignalMenuDigits: digits in the signal menu move to the signal of that
// number (9, then 1 9 for 19), and never send it: the process lives until
// Enter.
func TestSignalMenuDigits(t *testing.T) {
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	h := acting(t, ui.ActionConfig{}, pid)
	h.Type("k")
	h.WaitFor(t, "SIGTERM preselected", func(lines []string) bool { return h.menuItem(lines) == "15 SIGTERM" })
	h.Type("9")
	h.WaitFor(t, "SIGKILL highlighted", func(lines []string) bool { return h.menuItem(lines) == "9 SIGKILL" })
	h.Type("9") // 99: no such signal, the highlight stays
	h.Type(" ") // not a digit: the next digits make a new number
	h.Type("1")
	h.WaitFor(t, "SIGHUP highlighted", func(lines []string) bool { return h.menuItem(lines) == "1 SIGHUP" })
	h.Type("9")
	h.WaitFor(t, "SIGSTOP highlighted", func(lines []string) bool { return h.menuItem(lines) == "19 SIGSTOP" })
	alive(t, pid)
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "SIGSTOP")
	alive(t, pid)
}
