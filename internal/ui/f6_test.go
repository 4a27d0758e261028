package ui_test

import (
	"context"
	"github.com/pidtop/pidtop/internal/ui/uitest"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/ui"
)

// F6 lists exactly the fields a column can show on this OS (once 31 keys, 19
// of which no column could show), each under its title and ID.
func TestSortMenuListsTheFields(t *testing.T) {
	// A screen tall enough for the whole menu.
	h := &harness{Screen: uitest.NewScreen(120, 100), feed: uitest.NewFeed()}
	cfg := ui.Config{Feed: h.feed, Screen: h.Screen.Screen(), AfterDraw: h.AfterDraw}
	h.wait = uitest.Start(t, func(ctx context.Context) error { return ui.Run(ctx, cfg) })
	h.publish(t, sortProcs()...)
	h.Key(tcell.KeyF6)
	h.WaitText(t, "Sort by")
	var want []string
	for _, f := range field.AllFields() {
		if f.AvailableHere() {
			want = append(want, f.Title+"  ("+f.ID+")")
		}
	}
	text := strings.Join(h.Lines(), "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the sort menu lacks %q", w)
		}
	}
	if n := strings.Count(text, "  ("); n != len(want) {
		t.Errorf("the sort menu has %d entries, want %d", n, len(want))
	}
	h.Key(tcell.KeyEscape)
}

// A sort chosen in the viewer reaches Config.Changed as an edit of the active
// screen, which is what the config file saves.
func TestSortChangeIsSaved(t *testing.T) {
	saved := config.Defaults()
	changed := make(chan struct{}, 16)
	h := start(t, ui.Config{Changed: func(edit func(*config.Settings)) error {
		edit(&saved)
		changed <- struct{}{}
		return nil
	}}, sortProcs()...)
	told := func(what string) {
		select {
		case <-changed:
		case <-time.After(10 * time.Second): // a bound on a failure, not a timing assertion
			t.Fatalf("%s never reached Changed", what)
		}
	}
	h.Type("M")
	h.WaitText(t, "MEM%▽")
	told("M")
	h.Type("t")
	told("t")
	if sc := saved.Screens[0]; sc.SortKey != "mem_percent" || !sc.Tree {
		t.Errorf("saved screen %+v, want the MEM%% sort and the tree", sc)
	}
}

// htop 3's < > , . open the sort menu, as F6 does (htop 2 stepped the column).
func TestSortMenuKeys(t *testing.T) {
	h := start(t, ui.Config{}, sortProcs()...)
	for _, k := range []string{"<", ">", ",", "."} {
		h.Type(k)
		h.WaitText(t, "Sort by")
		h.Key(tcell.KeyEscape)
		h.WaitGone(t, "Sort by")
	}
}
