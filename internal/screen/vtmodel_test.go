package screen

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// vtModel is a small terminal, for tests that compare what two byte streams
// leave on the screen. It knows what tcell and frameScreen write (text, SGR,
// cursor positions, CR, backspace, EL, ED, scroll regions with insert and
// delete line, character sets, cursor visibility, synchronized output) and
// fails the test on anything else, so that it never passes a stream it did
// not understand.
type vtModel struct {
	t        *testing.T
	w, h     int
	cells    [][]vtCell
	row, col int // 0-based
	wrap     bool
	sgr      uitest.SGR
	top, bot int // scroll region, 0-based inclusive
	shifted  bool
	g0       byte
	hidden   bool
	bce      bool
}

type vtCell struct {
	text string
	sgr  uitest.SGR
}

func newVTModel(t *testing.T, w, h int, bce bool) *vtModel {
	m := &vtModel{t: t, w: w, h: h, bot: h - 1, g0: 'B', bce: bce}
	m.cells = make([][]vtCell, h)
	for y := range m.cells {
		m.cells[y] = make([]vtCell, w)
		for x := range m.cells[y] {
			m.cells[y][x] = vtCell{text: " "}
		}
	}
	return m
}

// blank is an erased cell: the current background where the terminal erases
// with it.
func (m *vtModel) blank() vtCell {
	if m.bce {
		return vtCell{text: " ", sgr: uitest.SGR{Bg: m.sgr.Bg}}
	}
	return vtCell{text: " "}
}

// screen describes what one sees, cell by cell (see uitest.SGR.Cell).
func (m *vtModel) screen() []string {
	var out []string
	for y, row := range m.cells {
		var b strings.Builder
		for x, c := range row {
			fmt.Fprintf(&b, "%d,%d:%s ", y, x, c.sgr.Cell(c.text))
		}
		out = append(out, b.String())
	}
	out = append(out, fmt.Sprintf("cursor hidden %v", m.hidden))
	return out
}

func (m *vtModel) write(b []byte) {
	m.t.Helper()
	for len(b) > 0 {
		kind, n := nextToken(b)
		tok := b[:n]
		b = b[n:]
		switch kind {
		case tBad:
			m.t.Fatalf("model: unfinished sequence %q", tok)
		case tText:
			m.text(tok)
		case tCtl:
			switch tok[0] {
			case '\r':
				m.col, m.wrap = 0, false
			case '\b':
				if m.col > 0 {
					m.col--
				}
				m.wrap = false
			case 0x0f: // SI: G0, which is all this model draws with
			default:
				m.t.Fatalf("model: control byte %q", tok)
			}
		case tEsc:
			if len(tok) == 3 && tok[1] == '(' {
				m.g0 = tok[2]
				continue
			}
			m.t.Fatalf("model: escape %q", tok)
		case tCSI:
			m.csi(tok)
		}
	}
}

func (m *vtModel) text(tok []byte) {
	if m.g0 != 'B' || m.shifted {
		m.t.Fatalf("model: text in a character set it does not draw: %q", tok)
	}
	s := string(tok)
	state := -1
	for s != "" {
		var cl string
		var w int
		cl, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
		if w == 0 && m.col > 0 { // combining: joins the cell before
			c := &m.cells[m.row][m.col-1]
			c.text += cl
			continue
		}
		if m.wrap {
			m.col, m.wrap = 0, false
			m.lineFeed()
		}
		if m.col+w > m.w {
			m.t.Fatalf("model: %q does not fit at column %d", cl, m.col)
		}
		m.cells[m.row][m.col] = vtCell{text: cl, sgr: m.sgr}
		for i := 1; i < w; i++ {
			m.cells[m.row][m.col+i] = vtCell{text: "", sgr: m.sgr}
		}
		m.col += w
		if m.col >= m.w {
			m.col, m.wrap = m.w-1, true
		}
	}
}

func (m *vtModel) lineFeed() {
	if m.row == m.bot {
		m.deleteLines(m.top, 1)
		return
	}
	if m.row < m.h-1 {
		m.row++
	}
}

func (m *vtModel) params(p string, def int) []int {
	var out []int
	for _, f := range strings.Split(p, ";") {
		if f == "" {
			out = append(out, def)
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil {
			m.t.Fatalf("model: parameter %q", p)
		}
		out = append(out, v)
	}
	return out
}

func (m *vtModel) csi(tok []byte) {
	p, final := string(tok[2:len(tok)-1]), tok[len(tok)-1]
	if strings.HasPrefix(p, "?") {
		switch p + string(final) {
		case "?25l":
			m.hidden = true
		case "?25h":
			m.hidden = false
		case "?2026h", "?2026l":
		case "?0c", "?1c": // the Linux console's cursor shape, with cnorm and civis
		default:
			m.t.Fatalf("model: mode %q", tok)
		}
		return
	}
	m.wrap = false
	switch final {
	case 'm':
		if !m.sgr.Apply(p) {
			m.t.Fatalf("model: SGR %q", tok)
		}
	case 'H':
		v := m.params(p, 1)
		for len(v) < 2 {
			v = append(v, 1)
		}
		m.row, m.col = min(max(v[0], 1), m.h)-1, min(max(v[1], 1), m.w)-1
	case 'G':
		m.col = min(max(m.params(p, 1)[0], 1), m.w) - 1
	case 'K':
		if v := m.params(p, 0)[0]; v != 0 {
			m.t.Fatalf("model: EL %d", v)
		}
		for x := m.col; x < m.w; x++ {
			m.cells[m.row][x] = m.blank()
		}
	case 'J':
		v := m.params(p, 0)[0]
		for y := range m.h {
			for x := range m.w {
				if v == 2 || y > m.row || y == m.row && x >= m.col {
					m.cells[y][x] = m.blank()
				}
			}
		}
	case 'r':
		v := m.params(p, 1)
		if p == "" {
			v = []int{1, m.h}
		}
		m.top, m.bot = v[0]-1, v[1]-1
		m.row, m.col = 0, 0
	case 'L', 'M':
		if m.row < m.top || m.row > m.bot {
			return
		}
		n := m.params(p, 1)[0]
		if final == 'L' {
			for range n {
				copy(m.cells[m.row+1:m.bot+1], m.cells[m.row:m.bot])
				m.cells[m.row] = m.blankRow()
			}
		} else {
			m.deleteLines(m.row, n)
		}
		m.col = 0
	case '@':
		n := m.params(p, 1)[0]
		row := m.cells[m.row]
		copy(row[m.col+n:], row[m.col:])
		for x := m.col; x < m.col+n && x < m.w; x++ {
			row[x] = m.blank()
		}
	default:
		m.t.Fatalf("model: sequence %q", tok)
	}
}

func (m *vtModel) blankRow() []vtCell {
	r := make([]vtCell, m.w)
	for i := range r {
		r[i] = m.blank()
	}
	return r
}

func (m *vtModel) deleteLines(at, n int) {
	for range n {
		copy(m.cells[at:m.bot], m.cells[at+1:m.bot+1])
		m.cells[m.bot] = m.blankRow()
	}
}

// Sanity of the model itself: a few sequences with known results.
func TestVTModel(t *testing.T) {
	m := newVTModel(t, 10, 3, false)
	m.write([]byte("\x1b[2;3H\x1b[1;31mab\x1b[m\x0f c\x1b[5G\x1b[44m  \x1b[K\x1b[1;1H\x1b(Bxé\x1b[?25l"))
	got := m.screen()
	for _, want := range []string{`1,2:"a"[[1]|31|]`, `1,3:"b"[[1]|31|]`, `1,4:" "[[]||44]`, `1,5:" "[[]||44]`,
		`1,6:" "[[]||]`, `0,0:"x"[[]||44]`, `0,1:"é"[[]||44]`, `1,9:" "[[]||]`, "cursor hidden true"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("model screen lacks %s", want)
		}
	}
}
