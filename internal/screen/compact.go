package screen

import (
	"strconv"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Shorter bytes for the same frame.
//
// tcell writes every change of style as a reset of every attribute followed by
// the new colours and attributes ("\x1b[m\x0f\x1b[36m" under TERM=screen), and
// every jump as an absolute cursor position ("\x1b[12;49H"), even along the
// row the cursor is on. In a refresh that changes a few dozen scattered cells,
// those are most of the bytes. compactFrame rewrites a frame's bytes, as the
// terminal would read them, into fewer that leave the terminal in the same
// state:
//
//   - A reset followed by new colours drops the reset when nothing it would
//     undo is left standing: no attribute (bold, reverse…) is on, and a
//     colour that is not the default is set again by what follows. The
//     character set selections that terminfo puts in the reset (SI, ESC ( B)
//     go with it only when the frame already made them and nothing changed
//     the character set since.
//   - A cursor position on the row the cursor is on becomes a carriage return
//     (column 1) or, where the terminal has it, a column position (CHA).
//   - A second "hide the cursor" while it is hidden is dropped (tcell hides it
//     at a frame's start and again at its end).
//   - Given the frame's blank tails (from which column on each row is blank
//     in the default style), the first blanks written in a row's tail become
//     an erase to the end of the line (EL), as ncurses writes them, and the
//     blanks written after them in that tail are dropped: EL cleared them.
//
// It knows the state it starts a frame in from nothing: a frame's first
// reset, cursor position and character set selection are always kept. It
// relies on properties of tcell's output: text never runs past the end of a
// row, so text leaves the cursor on its row; tcell writes a frame's cells row
// by row, left to right; and after writing a row's last column, or a wide
// character, it positions the cursor before it writes again. Anything it does
// not recognise makes it forget what it knew, and is copied as it is.
//
// tails, when not nil, holds for each row (from the top) the 0-based column
// from which the frame's cells are blanks in the default style.
func compactFrame(dst, src []byte, t termCaps, tails []int) []byte {
	c := compactor{termCaps: t, tails: tails}
	return c.run(dst, src)
}

// termCaps is what compactFrame may use of the terminal.
type termCaps struct {
	cha bool // CHA (ESC [ n G)
	bce bool // back colour erase: EL fills with the current background
}

type compactor struct {
	termCaps
	tails []int

	row int // the cursor's row, 1-based; 0 while unknown
	// col is the cursor's column (1-based; 0 while unknown) as tcell has it:
	// where the next text goes in its frame. After an EL or dropped blanks
	// the terminal's cursor is elsewhere (moved is set) until the next
	// position.
	col    int
	moved  bool
	erased int // the row whose blank tail an EL cleared
	hidden bool
	sgr    sgrState
	// siDone and g0Done: since the last change of character set in this
	// frame, a shift-in (SI) and the designation of ASCII as G0 (ESC ( B)
	// have been written.
	siDone, g0Done bool
}

// sgrState is what a reset (SGR 0) would change: whether any attribute is on,
// and whether either colour is other than the default.
type sgrState struct {
	known         bool
	attrs, fg, bg bool
	fgSet, bgSet  bool // for a run of sets: it sets the colour (to anything)
	onlySets      bool // for a run of sets: no reset in it
}

// token kinds
const (
	tText = iota
	tCtl
	tCSI
	tEsc
	tBad // an unfinished sequence: the rest of the frame
)

// nextToken returns the kind and length of the token at the start of b.
func nextToken(b []byte) (kind, n int) {
	c := b[0]
	switch {
	case c == 0x1b:
		if len(b) < 2 {
			return tBad, len(b)
		}
		if b[1] == '[' {
			for i := 2; i < len(b); i++ {
				switch d := b[i]; {
				case d >= 0x40 && d <= 0x7e:
					return tCSI, i + 1
				case d < 0x20 || d > 0x7e:
					return tBad, len(b)
				}
			}
			return tBad, len(b)
		}
		i := 1
		for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f { // intermediates
			i++
		}
		if i >= len(b) {
			return tBad, len(b)
		}
		return tEsc, i + 1
	case c < 0x20 || c == 0x7f:
		return tCtl, 1
	}
	n = 1
	for n < len(b) && b[n] != 0x1b && b[n] >= 0x20 && b[n] != 0x7f {
		n++
	}
	return tText, n
}

// isReset reports whether tok is a reset of the character set or of SGR: a
// member of terminfo's sgr0.
func isReset(tok []byte) (sgr, si, g0 bool) {
	switch string(tok) {
	case "\x1b[m", "\x1b[0m":
		return true, false, false
	case "\x0f":
		return false, true, false
	case "\x1b(B":
		return false, false, true
	}
	return false, false, false
}

// isSGR returns an SGR sequence's parameters.
func isSGR(tok []byte) ([]byte, bool) {
	if len(tok) >= 3 && tok[0] == 0x1b && tok[1] == '[' && tok[len(tok)-1] == 'm' {
		p := tok[2 : len(tok)-1]
		for _, c := range p {
			if (c < '0' || c > '9') && c != ';' {
				return nil, false // private or sub-parameters: not ours to read
			}
		}
		return p, true
	}
	return nil, false
}

// apply updates s with SGR parameters p. It reports false for one it does not
// know, leaving s unknown.
func (s *sgrState) apply(p []byte) bool {
	var buf [16]int
	n := buf[:1] // no parameter: a reset (0)
	if len(p) > 0 {
		n = n[:0]
	}
	for len(p) > 0 {
		if len(n) >= len(buf)-1 {
			s.known = false
			return false
		}
		i := 0
		for i < len(p) && p[i] != ';' {
			i++
		}
		v := 0 // an empty parameter is a 0
		if i > 0 {
			var err error
			if v, err = strconv.Atoi(string(p[:i])); err != nil || i > 5 {
				s.known = false
				return false
			}
		}
		n = append(n, v)
		if i < len(p) {
			i++
			if i == len(p) {
				n = append(n, 0) // a trailing ';': one more empty parameter
			}
		}
		p = p[i:]
	}
	for i := 0; i < len(n); i++ {
		switch v := n[i]; {
		case v == 0:
			s.attrs, s.fg, s.bg, s.onlySets = false, false, false, false
		case v == 1 || v == 2 || v == 3 || v == 4 || v == 5 || v == 7 || v == 8 || v == 9:
			s.attrs = true
		case v >= 30 && v <= 37 || v >= 90 && v <= 97:
			s.fg, s.fgSet = true, true
		case v == 39:
			s.fg, s.fgSet = false, true
		case v >= 40 && v <= 47 || v >= 100 && v <= 107:
			s.bg, s.bgSet = true, true
		case v == 49:
			s.bg, s.bgSet = false, true
		case (v == 38 || v == 48) && (i+2 < len(n) && n[i+1] == 5 || i+4 < len(n) && n[i+1] == 2):
			i += 2 // 38;5;index or 38;2;r;g;b
			if n[i-1] == 2 {
				i += 2
			}
			if v == 38 {
				s.fg, s.fgSet = true, true
			} else {
				s.bg, s.bgSet = true, true
			}
		default:
			s.known = false
			return false
		}
	}
	return true
}

func (c *compactor) forget() {
	c.row, c.col, c.moved = 0, 0, false
	c.sgr.known = false
	c.siDone, c.g0Done = false, false
}

func (c *compactor) run(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		kind, n := nextToken(src[i:])
		tok := src[i : i+n]
		if kind == tBad {
			return append(dst, src[i:]...)
		}
		if sgr, si, g0 := isReset(tok); sgr || si || g0 {
			var done int
			dst, done = c.resetGroup(dst, src[i:])
			i += done
			continue
		}
		i += n
		switch kind {
		case tText:
			// the cursor stays on its row (see compactFrame)
			dst = c.text(dst, tok)
			continue
		case tCtl:
			switch tok[0] {
			case '\r':
				c.col, c.moved = 1, false
			case '\a':
			case 0x0e: // shift-out
				c.siDone, c.g0Done = false, false
			default:
				dst = c.sync(dst) // a move from where the cursor is
				c.row, c.col = 0, 0
			}
		case tEsc:
			dst = c.sync(dst)
			c.col = 0
			switch {
			case len(tok) == 2 && (tok[1] == '=' || tok[1] == '>'): // keypad modes
			case len(tok) == 3 && tok[1] >= '(' && tok[1] <= '+': // a character set designation
				c.siDone, c.g0Done = false, false
			default:
				c.forget()
			}
		case tCSI:
			var keep bool
			dst, keep = c.csi(dst, tok)
			if keep {
				dst = append(dst, tok...)
			}
			continue
		}
		dst = append(dst, tok...)
	}
	return dst
}

// csi handles a control sequence; keep is false when it wrote what stands for
// it (or nothing).
func (c *compactor) csi(dst, tok []byte) (_ []byte, keep bool) {
	p, final := tok[2:len(tok)-1], tok[len(tok)-1]
	if p, ok := isSGR(tok); ok {
		if c.sgr.known {
			c.sgr.apply(p)
		}
		return dst, true
	}
	if len(p) > 0 && p[0] == '?' {
		switch string(tok[2:]) { // a private mode, set or reset
		case "?25l":
			if c.hidden {
				return dst, false
			}
			c.hidden = true
		case "?25h":
			c.hidden = false
			dst = c.sync(dst) // the cursor shows where it is
		case "?2026h", "?2026l": // synchronized output: the screen stays as it is
		case "?0c", "?1c": // the Linux console's cursor shape (with cnorm, civis)
		default:
			dst = c.sync(dst)
			c.forget()
			c.hidden = false
		}
		return dst, true
	}
	if final != 'H' {
		dst = c.sync(dst) // erasures, relative moves: from where the cursor is
		c.row, c.col = 0, 0
		switch final {
		case 'r', 'L', 'M', 'J', 'K', '@', 'P', 'X':
			// margins, lines and erasures: no change of colours
		default:
			c.sgr.known = false
		}
		return dst, true
	}
	row, col, ok := position(p)
	if !ok {
		c.row, c.col, c.moved = 0, 0, false
		return dst, true
	}
	was := c.row
	c.row, c.col, c.moved = row, col, false
	switch {
	case was != row:
		return dst, true
	case col == 1:
		return append(dst, '\r'), false
	case c.cha:
		dst = append(dst, "\x1b["...)
		dst = strconv.AppendInt(dst, int64(col), 10)
		return append(dst, 'G'), false
	}
	return dst, true
}

// text writes a run of text; where it reaches into its row's blank tail, EL
// (once a row) stands for the blanks there.
func (c *compactor) text(dst, tok []byte) []byte {
	col := c.col
	c.col = 0
	w := -1
	if col > 0 {
		w, _ = cellsIn(tok, -1)
	}
	if w < 0 {
		// Where tcell's cursor ends is not known; where it starts is.
		c.col = col
		dst = c.sync(dst)
		c.col = 0
		return append(dst, tok...)
	}
	c.col = col + w
	tail := 0 // the 1-based column where the row's blank tail starts
	if c.row > 0 && c.row <= len(c.tails) {
		tail = c.tails[c.row-1] + 1
	}
	// The part of tok in the tail: from byte k, cell col+cells.
	k, cells := len(tok), w
	if tail > 0 && col+w > tail {
		cells = max(tail-col, 0)
		_, k = cellsIn(tok, cells)
	}
	blanks := k < len(tok)
	for _, b := range tok[k:] {
		blanks = blanks && b == ' '
	}
	erased := c.erased == c.row
	if !blanks || !erased && len(tok)-k <= len("\x1b[K") ||
		!c.sgr.known || c.sgr.attrs || c.sgr.bg && !c.bce {
		return c.put(dst, tok, col, w)
	}
	dst = c.put(dst, tok[:k], col, cells)
	c.col = col + w
	if !erased {
		dst = append(dst, "\x1b[K"...)
		c.erased = c.row
	}
	c.moved = true // the cursor is where the blanks started
	return dst
}

// sync puts the cursor where tcell has it, if an EL or dropped blanks left
// it elsewhere.
func (c *compactor) sync(dst []byte) []byte {
	if !c.moved {
		return dst
	}
	c.moved = false
	if c.row == 0 || c.col == 0 {
		return dst
	}
	dst = append(dst, "\x1b["...)
	dst = strconv.AppendInt(dst, int64(c.row), 10)
	dst = append(dst, ';')
	dst = strconv.AppendInt(dst, int64(c.col), 10)
	return append(dst, 'H')
}

// put writes text of cells columns that tcell has at column col, first putting the cursor there if
// an EL or dropped blanks left it elsewhere.
func (c *compactor) put(dst, text []byte, col, cells int) []byte {
	if len(text) == 0 {
		return dst
	}
	c.col = col
	dst = c.sync(dst)
	c.col = col + cells
	return append(dst, text...)
}

// cellsIn walks tok's first max cells (all of them when max < 0) and returns
// how many it walked and the byte offset after them. A cell is an ASCII byte
// or a one-rune grapheme one column wide; at any other (a wide character, a
// combining one, a cluster) it returns cells -1: tcell's cursor is then not
// known to have moved by one column a cell.
func cellsIn(tok []byte, max int) (cells, off int) {
	for off < len(tok) && cells != max {
		if tok[off] < 0x80 {
			cells++
			off++
			continue
		}
		cluster, _, width, _ := uniseg.FirstGraphemeCluster(tok[off:], -1)
		if width != 1 || utf8.RuneCount(cluster) != 1 {
			return -1, off
		}
		cells++
		off += len(cluster)
	}
	return cells, off
}

// position reads a cursor position's parameters ("12;49", "", "3").
func position(p []byte) (row, col int, ok bool) {
	row, col = 1, 1
	num := func(b []byte) (int, bool) {
		if len(b) == 0 {
			return 1, true
		}
		v, err := strconv.Atoi(string(b))
		if err != nil || v < 0 || len(b) > 5 {
			return 0, false
		}
		return max(v, 1), true
	}
	r, cl := p, []byte(nil)
	for i, ch := range p {
		if ch == ';' {
			r, cl = p[:i], p[i+1:]
			break
		}
	}
	if row, ok = num(r); !ok {
		return
	}
	col, ok = num(cl)
	return
}

// resetGroup handles a run of reset tokens at the start of b (SGR 0, SI,
// ESC ( B) and the SGR sets that follow it. It returns how many bytes of b it
// consumed.
func (c *compactor) resetGroup(dst, b []byte) (_ []byte, used int) {
	var hasSGR, hasSI, hasG0 bool
	end := 0
	for end < len(b) {
		kind, n := nextToken(b[end:])
		sgr, si, g0 := isReset(b[end : end+n])
		if kind == tBad || !(sgr || si || g0) {
			break
		}
		hasSGR, hasSI, hasG0 = hasSGR || sgr, hasSI || si, hasG0 || g0
		end += n
	}
	if !hasSGR {
		// a character set selection alone: it is what it is
		if hasSI {
			c.siDone = true
		}
		if hasG0 {
			c.g0Done = true
		}
		return append(dst, b[:end]...), end
	}
	// The sets that follow, as they would leave the state after a reset.
	sets := sgrState{known: true, onlySets: true}
	setsEnd := end
	for setsEnd < len(b) {
		kind, n := nextToken(b[setsEnd:])
		p, ok := isSGR(b[setsEnd : setsEnd+n])
		if kind != tCSI || !ok {
			break
		}
		probe := sets
		if !probe.apply(p) || !probe.onlySets {
			break
		}
		sets = probe
		setsEnd += n
	}
	old := c.sgr
	drop := old.known && !old.attrs && setsEnd > end &&
		(!old.fg || sets.fgSet) && (!old.bg || sets.bgSet) &&
		(!hasSI || c.siDone) && (!hasG0 || c.g0Done)
	if !drop {
		dst = append(dst, b[:end]...)
		c.siDone = c.siDone || hasSI
		c.g0Done = c.g0Done || hasG0
	}
	dst = append(dst, b[end:setsEnd]...)
	c.sgr = sgrState{known: true, attrs: sets.attrs, fg: sets.fg, bg: sets.bg}
	return dst, setsEnd
}
