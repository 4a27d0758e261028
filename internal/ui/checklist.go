package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// openChecklist shows checkboxes in a panel on the left, as htop's affinity
// panel: Space or a click toggles the highlighted box, Enter applies the
// ticks, Esc closes without applying. No other printable key does anything,
// as in every menu.
func (r *runner) openChecklist(title string, items []string, on []bool, apply func([]bool)) {
	on = append([]bool(nil), on...)
	list := tview.NewList().ShowSecondaryText(false).SetHighlightFullLine(true)
	text := func(i int) string {
		box := "[ ] "
		if on[i] {
			box = "[x] "
		}
		return tview.Escape(box + Sanitize(items[i]))
	}
	toggle := func(i int) {
		on[i] = !on[i]
		list.SetItemText(i, text(i), "")
	}
	width := textWidth(title) + 4
	for i, it := range items {
		list.AddItem(text(i), "", 0, nil)
		width = max(width, textWidth(Sanitize(it))+8)
	}
	list.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		switch idOf(ev) {
		case special(tcell.KeyEnter):
			r.closeOverlay("menu")
			apply(on)
			return nil
		case ch(' '):
			toggle(list.GetCurrentItem())
			return nil
		}
		if ev.Key() == tcell.KeyRune {
			return nil
		}
		return ev
	})
	list.SetSelectedFunc(func(i int, _, _ string, _ rune) { toggle(i) }) // a click
	list.SetDoneFunc(func() { r.closeOverlay("menu") })
	list.SetSelectedStyle(r.th.selected).SetMainTextStyle(tcell.StyleDefault)
	list.SetBackgroundColor(tcell.ColorDefault)
	list.SetBorder(true).SetTitle(" " + tview.Escape(Sanitize(title)) + " ").SetTitleAlign(tview.AlignLeft)
	r.showPanel(list, width)
}
