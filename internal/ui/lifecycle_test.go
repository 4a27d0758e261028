package ui_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

func TestQuitKeys(t *testing.T) {
	for _, c := range []struct {
		name  string
		press func(h *harness)
	}{
		{"q", func(h *harness) { h.Type("q") }},
		{"F10", func(h *harness) { h.Key(tcell.KeyF10) }},
		{"Ctrl-C", func(h *harness) { h.Key(tcell.KeyCtrlC) }},
		{"click F10Quit", func(h *harness) {
			x, y, _ := h.Find("F10Quit")
			h.Click(x+4, y)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := start(t, ui.Config{}, filterProcs()...)
			c.press(h)
			if err := h.wait(); err != nil {
				t.Fatalf("Run returned %v", err)
			}
			if !h.Finalized() {
				t.Error("the terminal was not restored")
			}
		})
	}
}

// returned waits for Run's result.
func returned(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(uitest.Timeout):
		t.Fatal("Run did not return")
		return nil
	}
}

func TestContextCancelStops(t *testing.T) {
	s := uitest.NewScreen(100, 30)
	feed := uitest.NewFeed()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ui.Run(ctx, ui.Config{Feed: feed, Screen: s.Screen(), AfterDraw: s.AfterDraw}) }()
	s.WaitText(t, "F10Quit")
	feed.Publish(t, uitest.Snapshot(filterProcs()...)) // the pump may be mid-update when ctx ends
	cancel()
	if err := returned(t, done); err != nil {
		t.Fatalf("Run returned %v", err)
	}
	if !s.Finalized() {
		t.Error("the terminal was not restored")
	}
}

// TestPanicIsReturnedAsError panics in a key's handler (the event loop) and in
// a worker goroutine: Run restores the terminal and returns the panic.
func TestPanicIsReturnedAsError(t *testing.T) {
	for _, c := range []struct {
		name string
		do   func(a ui.Actions)
		want string
	}{
		{"event loop", func(ui.Actions) { panic("boom") }, "boom"},
		{"worker", func(a ui.Actions) { a.Go(func() string { panic("worker boom") }) }, "worker boom"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := uitest.NewScreen(100, 30)
			done := make(chan error, 1)
			go func() {
				done <- ui.Run(context.Background(), ui.Config{Feed: uitest.NewFeed(), Screen: s.Screen(),
					AfterDraw: s.AfterDraw, Bindings: []ui.Binding{{Key: tcell.KeyRune, Rune: 'x', Do: c.do}}})
			}()
			s.WaitText(t, "F10Quit")
			s.Type("x")
			if err := returned(t, done); err == nil || !strings.Contains(err.Error(), c.want) ||
				!strings.Contains(err.Error(), "goroutine") {
				t.Fatalf("Run returned %v, want the panic with its stack", err)
			}
			if !s.Finalized() {
				t.Error("the terminal was not restored")
			}
		})
	}
}

func TestActionsGoAndMenus(t *testing.T) {
	picked := -1
	bind := ui.Binding{Key: tcell.KeyRune, Rune: 'w', Help: "wait for the process to exit", Do: func(a ui.Actions) {
		a.Menu("Send signal", []string{"SIGTERM", "SIGKILL"}, 0, func(i int) {
			picked = i
			a.Confirm("Really?", func() { a.Go(func() string { return "done waiting" }) })
		})
	}}
	h := start(t, ui.Config{Bindings: []ui.Binding{bind}}, filterProcs()...)
	h.Type("w")
	h.WaitText(t, "Send signal")
	h.Key(tcell.KeyDown)
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "Really?")
	h.Key(tcell.KeyDown) // Yes
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "done waiting")
	if picked != 1 {
		t.Fatalf("picked %d, want 1", picked)
	}
}

type fakeInspector struct{}

func (fakeInspector) Inspect(id collect.ID) (ui.Facts, error) {
	if id.PID == 200 {
		return ui.Facts{}, ui.ErrExited
	}
	return ui.Facts{Cwd: "/home/\x1b[2Jalice", OpenFiles: 7, Fields: []ui.Fact{{Name: "VmSwap", Value: "12K"}}}, nil
}

func TestDetailsPane(t *testing.T) {
	h := start(t, ui.Config{Inspector: fakeInspector{}, Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 100)
	h.Key(tcell.KeyEnter)
	lines := h.WaitText(t, "Open files:    7")
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Process 100", "/usr/bin/vim /tmp/notes.txt", "/home/^[[2Jalice", "VmSwap", "alice (uid 1000)"} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "Open files")
	h.Key(tcell.KeyEnd)
	h.waitSelected(t, 200)
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "details unavailable: the process has exited")
	h.Type("q") // closes the pane, does not quit
	h.WaitGone(t, "details unavailable")
	h.WaitText(t, "F10Quit")
}

func TestUserMenu(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.Type("u")
	h.WaitText(t, "Show processes of")
	h.Key(tcell.KeyDown) // alice (All users, alice, bob, root)
	h.Key(tcell.KeyEnter)
	h.waitOrder(t, "alice's", 100, 101)
	h.WaitText(t, "User: alice")
}

func TestMouseSelectsRowsAndBarOpensHelp(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	_, y, ok := h.Find("/usr/sbin/sshd")
	if !ok {
		t.Fatal("no sshd row")
	}
	h.Click(3, y)
	h.waitSelected(t, 200)
	h.Wheel(3, y, false) // three rows up
	h.waitSelected(t, 1)
	h.Wheel(3, y, true)
	h.waitSelected(t, 200)
	x, y, _ := h.Find("F1Help")
	h.Click(x+2, y)
	h.WaitText(t, "any other key returns")
}

func TestResizeRelaysOut(t *testing.T) {
	h := start(t, ui.Config{}, filterProcs()...)
	h.Resize(60, 15)
	h.WaitFor(t, "a 60-column layout", func(lines []string) bool {
		return len(lines) == 15 && strings.Contains(lines[14], "F10Quit")
	})
}

func TestNoColorIsMonochrome(t *testing.T) {
	h := start(t, ui.Config{NoColor: true}, filterProcs()...)
	lines := h.WaitText(t, "F10Quit")
	for y := range lines {
		for x := 0; x < 120; x++ {
			if fg, bg, _ := h.Style(x, y).Decompose(); fg != tcell.ColorDefault || bg != tcell.ColorDefault {
				t.Fatalf("colour at (%d,%d): fg %v bg %v", x, y, fg, bg)
			}
		}
	}
	if _, bg, _ := h.Style(0, header(lines)).Decompose(); bg != tcell.ColorDefault {
		t.Fatal("header row coloured")
	}
}

func TestBadConfig(t *testing.T) {
	for _, cfg := range []ui.Config{
		{Settings: uitest.Settings(uitest.SortBy("nope"))},
		{Settings: uitest.Settings(uitest.Columns("pid", "bogus"))},
		{},
	} {
		if len(cfg.Settings.Screens) > 0 {
			cfg.Feed = uitest.NewFeed()
		}
		cfg.Screen = uitest.NewScreen(80, 25).Screen()
		if err := ui.Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) succeeded", cfg)
		} else if errors.Is(err, context.Canceled) {
			t.Errorf("unexpected %v", err)
		}
	}
}
