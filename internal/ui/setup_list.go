package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// The setup screen's panels are pickLists: a title bar (htop's green panel
// header) over a list with a cursor. tview's List would do, but it reports
// every click as a choice: a click in the available columns would add one, where
// htop's panels select on a click and act on Enter or a double-click.

// hint is one clickable entry of the setup screen's bottom line: the key that
// does the same ("F7") and what it does ("Up").
type hint struct {
	key, label string
	do         func()
}

// pickList is one panel of the setup screen.
type pickList struct {
	*tview.Box
	s        *setup // nil in tests of the list alone
	title    string
	width    int      // columns on the page; 0: a share of what is left
	items    []string // shown as given: the caller sanitizes
	cur, top int
	// keys handles the panel's own keys first; true: done.
	keys func(ev *tcell.EventKey) bool
	// activate is Enter, and a double-click on an item.
	activate func(i int)
	// clicked, when set, is every click on an item, after moved; a double-click
	// is then a second click (two toggles of a checkbox), not activate.
	clicked func(i int)
	// moved follows the cursor, however it moved.
	moved func(i int)
	// hints are the bottom line's entries while the panel has the focus.
	hints func() []hint
	// lastClick is the item the last single click chose (-1: none): tview
	// reports a second click anywhere within its interval as a double-click,
	// so only one on the same item counts as one.
	lastClick int
}

func newPickList(s *setup, title string) *pickList {
	return &pickList{Box: tview.NewBox(), s: s, title: title, lastClick: -1}
}

// setItems replaces the items, keeping the cursor in range.
func (l *pickList) setItems(items []string) {
	l.items = items
	l.cur = max(0, min(l.cur, len(items)-1))
}

// setCursor moves the cursor to i (kept in range) and shows it.
func (l *pickList) setCursor(i int) {
	l.cur = max(0, min(i, len(l.items)-1))
	l.show()
}

// show scrolls the cursor into view.
func (l *pickList) show() {
	_, _, _, h := l.GetInnerRect()
	rows := max(h-1, 1)
	if l.cur < l.top {
		l.top = l.cur
	} else if l.cur >= l.top+rows {
		l.top = l.cur - rows + 1
	}
}

// move moves the cursor by d and tells moved.
func (l *pickList) move(d int) {
	old := l.cur
	l.setCursor(l.cur + d)
	if l.cur != old && l.moved != nil {
		l.moved(l.cur)
	}
}

// Focus records which panel has the focus, for the bottom line's hints.
func (l *pickList) Focus(delegate func(p tview.Primitive)) {
	l.Box.Focus(delegate)
	if l.s != nil {
		l.s.focused(l)
	}
}

func (l *pickList) Draw(screen tcell.Screen) {
	l.DrawForSubclass(screen, l)
	x, y, w, h := l.GetInnerRect()
	if h < 1 || w < 1 {
		return
	}
	th := l.theme()
	head := th.colHeader
	if l.HasFocus() {
		head = th.colSort
	}
	printLine(screen, " "+l.title, x, y, w, head)
	rows := h - 1
	l.top = max(0, min(l.top, len(l.items)-rows))
	for i := 0; i < rows && l.top+i < len(l.items); i++ {
		st := th.cell[roleNormal]
		if l.top+i == l.cur {
			st = unfocusedCursor(th)
			if l.HasFocus() {
				st = th.selected
			}
		}
		printLine(screen, " "+l.items[l.top+i], x, y+1+i, w, st)
	}
}

// theme is the runner's theme, which a colour scheme change replaces.
func (l *pickList) theme() *theme {
	if l.s != nil && l.s.r.th != nil {
		return l.s.r.th
	}
	return monoTheme()
}

// unfocusedCursor is the cursor of a panel without the focus: htop draws it in
// another colour, so one sees where each panel stands and which one acts.
func unfocusedCursor(th *theme) tcell.Style {
	if th.mono {
		return base.Underline(true)
	}
	return base.Reverse(true)
}

// printLine fills a line of width w with st and prints text on it (which may
// hold wide characters; it is escaped here, so tview reads no tags in it).
func printLine(screen tcell.Screen, text string, x, y, w int, st tcell.Style) {
	for i := range w {
		screen.SetContent(x+i, y, ' ', nil, st)
	}
	tview.Print(screen, styleTag(st)+tview.Escape(text), x, y, w, tview.AlignLeft, tcell.ColorDefault)
}

func (l *pickList) InputHandler() func(ev *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return l.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		l.lastClick = -1
		if l.keys != nil && l.keys(ev) {
			return
		}
		_, _, _, h := l.GetInnerRect()
		page := max(h-2, 1)
		switch ev.Key() {
		case tcell.KeyUp:
			l.move(-1)
		case tcell.KeyDown:
			l.move(1)
		case tcell.KeyPgUp:
			l.move(-page)
		case tcell.KeyPgDn:
			l.move(page)
		case tcell.KeyHome:
			l.move(-len(l.items))
		case tcell.KeyEnd:
			l.move(len(l.items))
		case tcell.KeyEnter:
			if l.activate != nil && len(l.items) > 0 {
				l.activate(l.cur)
			}
		}
	})
}

// MouseHandler: a click chooses an item and focuses the panel, a double-click
// on it activates it, the wheel scrolls.
func (l *pickList) MouseHandler() func(action tview.MouseAction, ev *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	return l.WrapMouseHandler(func(action tview.MouseAction, ev *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		x, y := ev.Position()
		if !l.InRect(x, y) {
			return false, nil
		}
		_, iy, _, h := l.GetInnerRect()
		i := l.top + y - iy - 1 // the first line is the title
		onItem := y > iy && i < len(l.items)
		switch action {
		case tview.MouseLeftClick, tview.MouseLeftDoubleClick:
			setFocus(l)
			if !onItem {
				l.lastClick = -1
				return true, nil
			}
			if action == tview.MouseLeftDoubleClick && i == l.lastClick && l.activate != nil && l.clicked == nil {
				l.lastClick = -1
				l.activate(i)
				return true, nil
			}
			l.lastClick = i
			if i != l.cur {
				l.cur = i
				if l.moved != nil {
					l.moved(i)
				}
			}
			if l.clicked != nil {
				l.clicked(i)
			}
		case tview.MouseScrollUp:
			l.top = max(l.top-3, 0)
		case tview.MouseScrollDown:
			l.top = max(0, min(l.top+3, len(l.items)-(h-1)))
		}
		return true, nil
	})
}

// hintBar is the setup screen's bottom line: the focused panel's keys, each
// clickable, and a note on the right.
type hintBar struct {
	*tview.Box
	s     *setup
	hints []hint
	spans []int // x end of each hint, from the last Draw
}

func (b *hintBar) Draw(screen tcell.Screen) {
	b.DrawForSubclass(screen, b)
	x, y, w, _ := b.GetInnerRect()
	th := b.s.r.th
	b.hints = b.s.hints()
	b.spans = b.spans[:0]
	cx := x
	for _, h := range b.hints {
		cx = put(screen, cx, y, h.key, th.fkey)
		cx = put(screen, cx, y, h.label+" ", th.fkeyLabel)
		b.spans = append(b.spans, cx)
	}
	for ; cx < x+w; cx++ {
		screen.SetContent(cx, y, ' ', nil, th.fkeyLabel)
	}
	if note := b.s.noteText(); note != "" {
		tview.Print(screen, styleTag(th.status)+" "+tview.Escape(note)+" ", x, y, w, tview.AlignRight, tcell.ColorDefault)
	}
}

// MouseHandler runs the clicked hint. A second click soon after another, which
// tview reports as a double-click, is a click here: the first was elsewhere.
func (b *hintBar) MouseHandler() func(tview.MouseAction, *tcell.EventMouse, func(tview.Primitive)) (bool, tview.Primitive) {
	return b.WrapMouseHandler(func(action tview.MouseAction, ev *tcell.EventMouse, _ func(tview.Primitive)) (bool, tview.Primitive) {
		x, y := ev.Position()
		if !b.InRect(x, y) {
			return false, nil
		}
		if action != tview.MouseLeftClick && action != tview.MouseLeftDoubleClick {
			return true, nil
		}
		for i, end := range b.spans {
			if x < end {
				b.s.note = ""
				b.hints[i].do()
				break
			}
		}
		return true, nil
	})
}
