package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// digitPause is how long typed digits keep adding up: htop resets its PID
// search on the first key that is not a digit and when no key comes before
// its next refresh.
const digitPause = 1500 * time.Millisecond

// digits is a number typed a digit at a time, as htop's incremental PID
// search and its signal menu take it.
type digits struct {
	n  int
	at time.Time // when the last digit came
}

// add takes digit d and returns the number typed so far.
func (g *digits) add(d rune, now time.Time) int {
	if now.Sub(g.at) > digitPause || g.n > 10_000_000 {
		g.n = 0
	}
	g.n, g.at = g.n*10+int(d-'0'), now
	return g.n
}

// reset forgets the digits (a key that is not a digit).
func (g *digits) reset() { g.n = 0 }

// isDigit reports whether the key is a character 0-9.
func isDigit(id keyID) bool { return id.key == tcell.KeyRune && id.r >= '0' && id.r <= '9' }

// pidDigit is a digit typed in the list: the selection jumps to the process
// whose PID is the number typed so far, when one is shown (htop's PID search).
func (r *runner) pidDigit(d rune) {
	pid := r.pidTyped.add(d, time.Now())
	for i, k := range r.v.order {
		if int(r.v.snap.Procs[k].PID) == pid {
			r.v.choose(i)
			r.content.invalidate()
			r.syncSelection()
			return
		}
	}
}

// menuDigits makes digits typed in a menu move its selection to the item
// that starts with the number typed so far ("9", then "1" "9" for SIGSTOP's
// 19 in the signal menu). They only move it: Enter still picks. Any other key
// starts the number again.
func menuDigits(list *tview.List) func(ev *tcell.EventKey) {
	var g digits
	return func(ev *tcell.EventKey) {
		id := idOf(ev)
		if !isDigit(id) {
			g.reset()
			return
		}
		want := strconv.Itoa(g.add(id.r, time.Now()))
		for i := range list.GetItemCount() {
			main, _ := list.GetItemText(i)
			if f := strings.Fields(main); len(f) > 0 && f[0] == want {
				list.SetCurrentItem(i)
				return
			}
		}
	}
}
