package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// fkey is one entry of the function-key bar.
type fkey struct {
	key   tcell.Key // tcell.KeyF1 …
	label string    // six columns, as htop pads them
	off   bool      // disabled (--readonly): drawn dimmed, clicks ignored
}

// keyBar is htop's bottom line: "F1Help  F2Setup …", clickable, with the
// states (filter, pause, follow, tags) on the right where they fit beside the
// keys; the keys are never written over.
type keyBar struct {
	*tview.Box
	th           *theme
	keys         []fkey
	status       string // already sanitized
	statusHidden bool   // shown on the status line instead (placeStatus)
	onPress      func(k tcell.Key)
	spans        []int // x end of each key's entry, from the last Draw
}

func newKeyBar(th *theme, onPress func(tcell.Key)) *keyBar {
	return &keyBar{Box: tview.NewBox(), th: th, onPress: onPress}
}

// labelWidth is the columns of a key's label: htop pads them to six.
const labelWidth = 6

// statusFits reports whether the status fits beside the keys on a bar w wide,
// with a space on either side.
func (b *keyBar) statusFits(w int) bool {
	if b.status == "" {
		return true
	}
	used := 0
	for _, k := range b.keys {
		used += len(tcell.KeyNames[k.key]) + max(textWidth(k.label), labelWidth)
	}
	return used+textWidth(b.status)+2 <= w
}

// Draw draws the keys, then the status text right-aligned.
func (b *keyBar) Draw(screen tcell.Screen) {
	b.DrawForSubclass(screen, b)
	x, y, w, _ := b.GetInnerRect()
	end := x + w
	b.spans = b.spans[:0]
	cx := x
	for i, k := range b.keys {
		name := tcell.KeyNames[k.key]
		cx = put(screen, cx, y, name, b.th.fkey)
		st := b.th.fkeyLabel
		if k.off {
			st = b.th.fkeyOff
		}
		label := k.label
		// Padded to htop's width but for the last, so that ten keys fit 80
		// columns ("F10Quit" ends the bar, as in htop).
		for len(label) < labelWidth && i < len(b.keys)-1 {
			label += " "
		}
		cx = put(screen, cx, y, label, st)
		b.spans = append(b.spans, cx)
	}
	for ; cx < end; cx++ {
		screen.SetContent(cx, y, ' ', nil, b.th.fkeyLabel)
	}
	if b.status != "" && !b.statusHidden && b.statusFits(w) {
		text := " " + tview.Escape(b.status) + " "
		tview.Print(screen, styleTag(b.th.status)+text, x, y, w, tview.AlignRight, tcell.ColorDefault)
	}
}

// MouseHandler presses the key whose entry was clicked.
func (b *keyBar) MouseHandler() func(tview.MouseAction, *tcell.EventMouse, func(tview.Primitive)) (bool, tview.Primitive) {
	return b.WrapMouseHandler(func(action tview.MouseAction, ev *tcell.EventMouse, _ func(tview.Primitive)) (bool, tview.Primitive) {
		x, y := ev.Position()
		if !b.InRect(x, y) || action != tview.MouseLeftClick {
			return false, nil
		}
		for i, e := range b.spans {
			if x < e {
				if !b.keys[i].off && b.onPress != nil {
					b.onPress(b.keys[i].key)
				}
				return true, nil
			}
		}
		return true, nil
	})
}
