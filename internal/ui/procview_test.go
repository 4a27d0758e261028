package ui_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// fakeViewer serves made-up views and counts the reads of each kind.
type fakeViewer struct {
	mu        sync.Mutex
	reads     map[ui.ViewKind]int
	exitAfter int // > 0: the process exits after that many reads
}

func (f *fakeViewer) ReadView(kind ui.ViewKind, id collect.ID) (ui.ViewText, error) {
	f.mu.Lock()
	if f.reads == nil {
		f.reads = map[ui.ViewKind]int{}
	}
	f.reads[kind]++
	n := f.reads[kind]
	f.mu.Unlock()
	if id.PID == 200 || f.exitAfter > 0 && n > f.exitAfter {
		return ui.ViewText{}, ui.ErrExited
	}
	lines := []string{fmt.Sprintf("read number %d of view %d", n, kind), "EVIL=\x1b[2J\u202eexe"}
	for i := range 100 {
		lines = append(lines, fmt.Sprintf("VAR%03d=value", i))
	}
	return ui.ViewText{Header: "HEADER LINE", Lines: lines}, nil
}

func (f *fakeViewer) count(kind ui.ViewKind) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads[kind]
}

func TestViewPageSearchScrollAndClose(t *testing.T) {
	fv := &fakeViewer{}
	h := start(t, ui.Config{Viewer: fv, Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 100)
	h.Type("e")
	lines := h.WaitText(t, "HEADER LINE")
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Environment of 100", "read number 1 of view 0", `EVIL=^[[2J\u202eexe`} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsAny(text, "\x1b\u202e") {
		t.Errorf("an escape or bidi control reached the screen:\n%q", text)
	}
	h.Type("/var077")
	h.WaitText(t, "Search: var077_")
	h.WaitText(t, "VAR077=value")
	h.Key(tcell.KeyEnter)
	h.WaitGone(t, "Search:")
	x, y, _ := h.Find("VAR077=value")
	if st := h.Style(x, y); st == tcell.StyleDefault {
		t.Errorf("the match is not highlighted")
	}
	h.Type("/nothing-like-this")
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "not found: nothing-like-this")
	h.Key(tcell.KeyHome)
	h.WaitText(t, "read number 1")
	h.Key(tcell.KeyF5)
	h.WaitText(t, "read number 2")
	h.Key(tcell.KeyEnd)
	h.WaitText(t, "VAR099=value")
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "HEADER LINE")
	h.WaitText(t, "F10Quit")
	if n := fv.count(ui.ViewEnviron); n != 2 {
		t.Errorf("the environment was read %d times, want twice (opened, F5): it is not live", n)
	}
}

func TestActivityViewIsLive(t *testing.T) {
	fv := &fakeViewer{exitAfter: 2}
	h := start(t, ui.Config{Viewer: fv, Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 100)
	h.Type("s")
	h.WaitText(t, "read number 1 of view 3")
	// The meters are under the page, so publish cannot wait for them.
	h.feed.Publish(t, uitest.Snapshot(filterProcs()...))
	h.WaitText(t, "read number 2 of view 3")
	h.feed.Publish(t, uitest.Snapshot(filterProcs()...))
	// The process exits: the last reading stays, under the news.
	h.WaitFor(t, "the exit under the last reading", func(lines []string) bool {
		text := strings.Join(lines, "\n")
		return strings.Contains(text, "the process has exited") && strings.Contains(text, "read number 2 of view 3")
	})
	h.Type("q") // closes the page, does not quit
	h.WaitGone(t, "read number")
	h.publish(t, filterProcs()...)
	if n := fv.count(ui.ViewActivity); n != 3 {
		t.Errorf("%d reads after closing, want 3", n)
	}
}

func TestViewsOfAnExitedProcessSaySo(t *testing.T) {
	h := start(t, ui.Config{Viewer: &fakeViewer{}, Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.Key(tcell.KeyEnd)
	h.waitSelected(t, 200)
	for _, k := range []string{"e", "l", "x", "s"} {
		h.Type(k)
		h.WaitText(t, "the process has exited")
		h.Key(tcell.KeyEscape)
		h.WaitGone(t, "the process has exited")
	}
}
