package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// textPage is the one full-screen page of the per-process views (environment,
// open files, locks, activity): a title, a fixed header line, a list of lines
// that scrolls both ways, a search with / (n and N, F3 and Shift-F3 for the
// next and previous match), and Esc, q or F10 to close. It draws what it is
// given after sanitizing it again, so no caller can put an escape on screen.
type textPage struct {
	*tview.Box
	th     *theme
	header string
	lines  []string
	top    int // first line shown
	left   int // columns scrolled right
	match  int // line of the current match, -1 if none
	query  string
	typing bool   // the search prompt is open
	note   string // what the page says under the lines: "reading…", a miss
	close  func()
	reload func() // F5: read it again; nil if it cannot be
}

func newTextPage(th *theme, title string, close func()) *textPage {
	p := &textPage{Box: tview.NewBox(), th: th, match: -1, close: close}
	p.SetBorder(true).SetTitle(" " + tview.Escape(Sanitize(title)) + " ").SetTitleAlign(tview.AlignLeft)
	p.SetBackgroundColor(tcell.ColorDefault)
	return p
}

// set replaces the content, keeping the scroll position where it still fits
// (a live view re-reads every tick while the user reads it).
func (p *textPage) set(header string, lines []string, note string) {
	p.header, p.note = Sanitize(header), note
	p.lines = make([]string, len(lines))
	for i, l := range lines {
		p.lines[i] = Sanitize(l)
	}
	if p.match >= len(p.lines) {
		p.match = -1
	}
	p.top = max(0, min(p.top, len(p.lines)-1))
}

// rows is how many lines fit between the header and the bottom line.
func (p *textPage) rows() int {
	_, _, _, h := p.GetInnerRect()
	if p.header != "" {
		h--
	}
	return max(1, h-1)
}

func (p *textPage) Draw(screen tcell.Screen) {
	p.DrawForSubclass(screen, p)
	x, y, w, h := p.GetInnerRect()
	if w <= 0 || h <= 0 {
		return
	}
	line := func(row int, s string, st tcell.Style) { printLine(screen, cutLeft(s, p.left), x, row, w, st) }
	if p.header != "" {
		line(y, p.header, p.th.colHeader)
		y, h = y+1, h-1
	}
	n := h - 1
	for i := range n {
		k := p.top + i
		if k >= len(p.lines) {
			break
		}
		st := tcell.StyleDefault
		if k == p.match {
			st = p.th.selected
		}
		line(y+i, p.lines[k], st)
	}
	bottom := p.note
	if p.typing {
		bottom = "Search: " + p.query + "_"
	} else if bottom == "" {
		bottom = "/ search  n N next/previous  arrows PgUp PgDn Home End scroll  F5 refresh  Esc close"
	}
	if len(p.lines) > n {
		bottom += fmt.Sprintf("   %d-%d/%d", p.top+1, min(p.top+n, len(p.lines)), len(p.lines))
	}
	printLine(screen, bottom, x, y+h-1, w, p.th.status)
}

// cutLeft drops the first n columns of s, counting a rune as one (the lines
// are sanitized and seldom wide).
func cutLeft(s string, n int) string {
	for n > 0 && s != "" {
		_, size := utf8.DecodeRuneInString(s)
		s, n = s[size:], n-1
	}
	return s
}

func (p *textPage) InputHandler() func(*tcell.EventKey, func(tview.Primitive)) {
	return p.WrapInputHandler(func(ev *tcell.EventKey, _ func(tview.Primitive)) {
		if p.typing {
			p.searchKey(ev)
			return
		}
		page := p.rows()
		switch idOf(ev) {
		case special(tcell.KeyEscape), ch('q'), special(tcell.KeyF10):
			p.close()
		case ch('/'):
			p.typing, p.query = true, ""
		case ch('n'), special(tcell.KeyF3):
			p.find(1, 1)
		case ch('N'), special(tcell.KeyF15):
			p.find(-1, 1)
		case special(tcell.KeyF5):
			if p.reload != nil {
				p.reload()
			}
		case special(tcell.KeyUp):
			p.scroll(-1)
		case special(tcell.KeyDown):
			p.scroll(1)
		case special(tcell.KeyPgUp):
			p.scroll(-page)
		case special(tcell.KeyPgDn):
			p.scroll(page)
		case special(tcell.KeyHome):
			p.top = 0
		case special(tcell.KeyEnd):
			p.top = max(0, len(p.lines)-page)
		case special(tcell.KeyLeft):
			p.left = max(0, p.left-8)
		case special(tcell.KeyRight):
			p.left += 8
		}
	})
}

func (p *textPage) MouseHandler() func(tview.MouseAction, *tcell.EventMouse, func(tview.Primitive)) (bool, tview.Primitive) {
	return p.WrapMouseHandler(func(a tview.MouseAction, ev *tcell.EventMouse, _ func(tview.Primitive)) (bool, tview.Primitive) {
		switch a {
		case tview.MouseScrollUp:
			p.scroll(-3)
		case tview.MouseScrollDown:
			p.scroll(3)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (p *textPage) scroll(d int) {
	p.top = max(0, min(p.top+d, len(p.lines)-p.rows()))
}

// searchKey edits the search prompt; each change finds the first match from
// the current one on, as htop's incremental search does.
func (p *textPage) searchKey(ev *tcell.EventKey) {
	switch ev.Key() {
	case tcell.KeyEscape:
		p.typing, p.query, p.match, p.note = false, "", -1, ""
	case tcell.KeyEnter:
		p.typing = false
	case tcell.KeyBackspace, tcell.KeyBackspace2:
		if p.query != "" {
			_, n := utf8.DecodeLastRuneInString(p.query)
			p.query = p.query[:len(p.query)-n]
			p.find(1, 0)
		}
	case tcell.KeyRune:
		p.query += string(ev.Rune())
		p.find(1, 0)
	case tcell.KeyF3, tcell.KeyDown:
		p.find(1, 1)
	case tcell.KeyUp, tcell.KeyF15:
		p.find(-1, 1)
	}
}

// find moves to the next line (dir 1) or previous (-1) holding the query,
// case-insensitively, starting skip lines from the current match, wrapping.
func (p *textPage) find(dir, skip int) {
	p.note = ""
	if p.query == "" || len(p.lines) == 0 {
		p.match = -1
		return
	}
	q := strings.ToLower(p.query)
	from := max(p.match, p.top)
	if p.match < 0 {
		from = p.top
	}
	for i := range len(p.lines) {
		k := ((from+dir*(i+skip))%len(p.lines) + len(p.lines)) % len(p.lines)
		if strings.Contains(strings.ToLower(p.lines[k]), q) {
			p.match = k
			if k < p.top || k >= p.top+p.rows() {
				p.top = max(0, min(k-p.rows()/2, len(p.lines)-p.rows()))
			}
			return
		}
	}
	p.match, p.note = -1, "not found: "+p.query
}
