package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// A double-click acts only on the item its first click chose: tview reports
// any second click within its interval as a double-click, wherever the first
// one was (on another panel, another item).
func TestPickListDoubleClick(t *testing.T) {
	var activated []int
	l := newPickList(nil, "Available")
	l.items = []string{"a", "b", "c"}
	l.activate = func(i int) { activated = append(activated, i) }
	l.SetRect(0, 0, 20, 5) // the title on line 0, the items on lines 1-3
	mouse := func(a tview.MouseAction, y int) {
		l.MouseHandler()(a, tcell.NewEventMouse(2, y, tcell.ButtonNone, 0), func(tview.Primitive) {})
	}

	mouse(tview.MouseLeftDoubleClick, 2) // a first click elsewhere came before: a click here
	if len(activated) != 0 || l.cur != 1 {
		t.Fatalf("a double-click on a new item: activated %v, cursor %d; want none, 1", activated, l.cur)
	}
	mouse(tview.MouseLeftClick, 3)
	mouse(tview.MouseLeftDoubleClick, 3)
	if len(activated) != 1 || activated[0] != 2 || l.cur != 2 {
		t.Fatalf("a double-click on item 2: activated %v, cursor %d", activated, l.cur)
	}
	mouse(tview.MouseLeftClick, 1)
	mouse(tview.MouseLeftDoubleClick, 0) // on the title: no item
	mouse(tview.MouseLeftDoubleClick, 1)
	if len(activated) != 1 || l.cur != 0 {
		t.Fatalf("double-clicks away from the clicked item: activated %v, cursor %d", activated, l.cur)
	}

	// With a click action (a checkbox), a double-click is two clicks.
	var clicks int
	l.clicked = func(int) { clicks++ }
	mouse(tview.MouseLeftClick, 1)
	mouse(tview.MouseLeftDoubleClick, 1)
	if clicks != 2 || len(activated) != 1 {
		t.Fatalf("a double-click on a checkbox: %d clicks, activated %v; want 2 clicks, no activation", clicks, activated)
	}

	mouse(tview.MouseScrollDown, 1) // everything fits: nothing to scroll
	if l.top != 0 {
		t.Fatalf("scrolled to %d with everything in view", l.top)
	}
}
