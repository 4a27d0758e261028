package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// tabsBar is htop's line of screen tabs above the table ("Main  I/O"), shown
// when there is more than one screen. Tab and Shift-Tab switch; a click on a
// name shows that screen.
type tabsBar struct {
	*tview.Box
	th     *theme
	names  []string // already sanitized
	active int
	spans  []int // x end of each name, from the last Draw
	onPick func(i int)
}

func newTabsBar(th *theme, onPick func(int)) *tabsBar {
	return &tabsBar{Box: tview.NewBox(), th: th, onPick: onPick}
}

func (b *tabsBar) set(names []string, active int) {
	b.names = b.names[:0]
	for _, n := range names {
		b.names = append(b.names, Sanitize(n))
	}
	b.active = active
}

func (b *tabsBar) Draw(screen tcell.Screen) {
	b.DrawForSubclass(screen, b)
	x, y, w, h := b.GetInnerRect()
	if h < 1 {
		return
	}
	b.spans = b.spans[:0]
	cx := x
	for i, n := range b.names {
		st := b.th.fkeyLabel
		if i == b.active {
			st = b.th.colSort
		}
		cx = put(screen, cx, y, " "+n+" ", st)
		b.spans = append(b.spans, cx)
		cx = put(screen, cx, y, " ", b.th.cell[roleNormal])
	}
	for ; cx < x+w; cx++ {
		screen.SetContent(cx, y, ' ', nil, b.th.cell[roleNormal])
	}
}

// MouseHandler shows the screen whose name was clicked.
func (b *tabsBar) MouseHandler() func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	return b.WrapMouseHandler(func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		x, y := event.Position()
		if action != tview.MouseLeftClick || !b.InRect(x, y) {
			return false, nil
		}
		left, _, _, _ := b.GetInnerRect()
		for i, end := range b.spans {
			if x < end && x >= left {
				b.onPick(i)
				return true, nil
			}
			left = end + 1
		}
		return true, nil
	})
}
