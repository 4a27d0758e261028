package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/rivo/tview"

	psort "github.com/pidtop/pidtop/internal/sort"
)

// promptKind is the open input line on the bottom, if any.
type promptKind uint8

const (
	promptNone promptKind = iota
	promptSearch
	promptFilter
)

// capture sees every key first. In the main screen it runs the key table and lets
// navigation keys through to the table; overlays and the prompt get their keys.
func (r *runner) capture(ev *tcell.EventKey) *tcell.EventKey {
	switch ev.Key() {
	case tcell.KeyCtrlC:
		r.quit()
		return nil
	case tcell.KeyCtrlZ:
		r.suspendKey()
		return nil
	}
	front, _ := r.pages.GetFrontPage()
	switch {
	case front == "help":
		switch ev.Key() {
		case tcell.KeyUp, tcell.KeyDown, tcell.KeyPgUp, tcell.KeyPgDn, tcell.KeyHome, tcell.KeyEnd:
			return ev // scroll a help longer than the screen
		}
		r.closeOverlay("help")
		return nil
	case front != "main":
		return ev // details and menus handle their own keys
	case r.prompt != promptNone:
		return r.promptKey(ev)
	}
	if r.message != "" {
		r.message = ""
		r.updateBar()
	}
	id := idOf(ev)
	if isDigit(id) && r.keys[id] == nil {
		r.pidDigit(id.r)
		return nil
	}
	r.pidTyped.reset()
	if f := r.keys[id]; f != nil {
		f()
		return nil
	}
	for _, k := range navigation {
		if k == id {
			return ev
		}
	}
	return nil // htop ignores unbound keys; so does the table here (no j/k/g/G)
}

// closeOverlay removes an overlay page and gives the table its focus back.
func (r *runner) closeOverlay(name string) {
	r.pages.RemovePage(name)
	r.app.SetFocus(r.table)
}

// overlay shows p as a full-screen page over the main screen.
func (r *runner) overlay(name string, p tview.Primitive) {
	r.pages.AddPage(name, p, true, true)
	r.app.SetFocus(p)
}

func (r *runner) openHelp() {
	tv := tview.NewTextView().SetDynamicColors(true).SetWrap(true).SetText(r.helpText())
	tv.SetBackgroundColor(tcell.ColorDefault)
	r.overlay("help", tv)
}

// openMenu shows a list in a panel on the left, as htop's F6 "Sort by" panel.
// Only Enter or a click picks, as in htop: tview's list also picks on Space,
// and a key typed ahead or by mistake (Space, or "kill %1" meant for a shell)
// must not send a signal, so printable keys do nothing here but digits, which
// move to the item that starts with their number (a signal's).
func (r *runner) openMenu(title string, items []string, current int, pick func(int)) {
	list := tview.NewList().ShowSecondaryText(false).SetHighlightFullLine(true)
	digit := menuDigits(list)
	list.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		digit(ev) // a digit moves to the item of that number; it never picks it
		if ev.Key() == tcell.KeyRune {
			return nil
		}
		return ev
	})
	list.SetSelectedStyle(r.th.selected).SetMainTextStyle(tcell.StyleDefault)
	list.SetBackgroundColor(tcell.ColorDefault)
	width := textWidth(title) + 4
	for _, it := range items {
		s := Sanitize(it)
		list.AddItem(tview.Escape(s), "", 0, nil)
		width = max(width, textWidth(s)+4)
	}
	list.SetBorder(true).SetTitle(" " + tview.Escape(Sanitize(title)) + " ").SetTitleAlign(tview.AlignLeft)
	list.SetCurrentItem(current)
	list.SetSelectedFunc(func(i int, _, _ string, _ rune) {
		r.closeOverlay("menu")
		pick(i)
	})
	list.SetDoneFunc(func() { r.closeOverlay("menu") })
	r.showPanel(list, width)
}

// showPanel shows a menu's list, width columns wide, on the left below the
// meters, as the "menu" overlay.
func (r *runner) showPanel(list *tview.List, width int) {
	frame := tview.NewFlex().
		AddItem(tview.NewFlex().SetDirection(tview.FlexRow).
			AddItem(nil, r.meters.height(), 0, false).
			AddItem(list, 0, 1, true).
			AddItem(nil, 1, 0, false), width, 0, true).
		AddItem(nil, 0, 1, false)
	r.pages.RemovePage("menu")
	r.overlay("menu", frame)
	r.app.SetFocus(list)
}

func (r *runner) openSortMenu() {
	var fields []*field.Field
	var items []string
	current := 0
	for _, f := range field.AllFields() {
		if !f.AvailableHere() {
			continue // no column of it can show a value on this OS
		}
		if f == r.v.sortField {
			current = len(items)
		}
		fields = append(fields, f)
		items = append(items, f.Title+"  ("+f.ID+")")
	}
	r.openMenu("Sort by", items, current, func(i int) { r.sortBy(fields[i].ID) })
}

func (r *runner) openUserMenu() {
	users := append([]string{"All users"}, r.v.users()...)
	current := 0
	for i, u := range users {
		if i > 0 && u == r.v.query.User {
			current = i
		}
	}
	r.openMenu("Show processes of", users, current, func(i int) {
		r.v.query.User = ""
		if i > 0 {
			r.v.query.User = users[i]
		}
		r.refresh()
	})
}

// openPrompt opens the search or filter line on the bottom.
func (r *runner) openPrompt(k promptKind) {
	r.prompt = k
	r.saved = r.v.sel
	label, text := "Search: ", ""
	if k == promptFilter {
		label, text = "Filter: ", r.v.query.Filter
	}
	r.input.SetLabel(label).SetText(text)
	r.input.SetChangedFunc(func(text string) { r.promptChanged(text) })
	r.input.SetFieldStyle(r.th.prompt)
	r.bottom.SwitchToPage("prompt")
	r.app.SetFocus(r.input)
}

// closePrompt closes the input line and returns the keys to the table.
func (r *runner) closePrompt() {
	r.prompt = promptNone
	r.input.SetChangedFunc(nil)
	r.bottom.SwitchToPage("keys")
	r.app.SetFocus(r.table)
	r.updateBar()
}

// promptKey handles the keys of the open prompt that the input field does not:
// Enter, Esc, F3/Shift-F3 and the navigation keys.
func (r *runner) promptKey(ev *tcell.EventKey) *tcell.EventKey {
	switch id := idOf(ev); id {
	case special(tcell.KeyEnter):
		if p := r.v.selected(); p != nil && r.prompt == promptSearch {
			r.v.sel = p.ID
		}
		r.closePrompt()
	case special(tcell.KeyEscape):
		if r.prompt == promptFilter {
			r.v.query.Filter = ""
		} else {
			r.v.sel = r.saved
		}
		r.closePrompt()
		r.refresh()
	case special(tcell.KeyF3), special(tcell.KeyF15):
		if r.prompt == promptSearch {
			r.search(r.input.GetText(), id == special(tcell.KeyF15), true)
		}
	case special(tcell.KeyUp), special(tcell.KeyDown), special(tcell.KeyPgUp), special(tcell.KeyPgDn):
		r.table.InputHandler()(ev, func(p tview.Primitive) {})
	default:
		return ev
	}
	return nil
}

// promptChanged follows the text as it is typed.
func (r *runner) promptChanged(text string) {
	if r.prompt == promptFilter {
		r.v.query.Filter = text
		r.refresh()
		return
	}
	r.search(text, false, false)
}

// search moves the selection to the next match; next starts after the current
// row (F3), otherwise the current row is kept while it matches (typing).
func (r *runner) search(text string, backward, next bool) {
	from := r.v.selRow
	if next {
		from += map[bool]int{false: 1, true: -1}[backward]
	}
	i := psort.Find(r.v.procs(), r.v.order, from, backward, text)
	r.searchMissed = i < 0 && text != ""
	if i < 0 {
		if text != "" {
			r.input.SetFieldStyle(r.th.exitedRow)
		}
		return
	}
	r.input.SetFieldStyle(r.th.prompt)
	r.v.choose(i)
	r.syncSelection()
}
