package screen

import (
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/layer"
)

// Moving rows on the terminal itself.
//
// When the process list shifts by a row or two (a process enters or leaves
// the rows above, the usual change in a CPU% sort at 1,000 processes), every
// row below differs from the last frame in a few cells, and writing those
// costs a cursor move each: most of a refresh's terminal output. ncurses, and
// so htop, moves the rows instead, with insert and delete line inside a scroll
// region, and writes only what is new. frameScreen does the same for the
// longest run of at least minShiftRows rows that moved by up to maxShift rows,
// then tells tcell that the terminal now shows those rows (and blanks where
// rows were inserted or pulled up), so that it writes nothing more there.

// rowMover is what a screen needs for frameScreen to move rows: the terminal
// to write to and tcell's record of what the terminal shows (tcell's terminal
// screens have both).
type rowMover interface {
	Tty() (tcell.Tty, bool)
	GetCells() *tcell.CellBuffer
	sync.Locker
}

const (
	minShiftRows = 3 // fewer rows are cheaper rewritten
	maxShift     = 3
)

// shiftTerms are the TERM prefixes whose terminals are known to do scroll
// regions with insert and delete line (DECSTBM, IL, DL: VT100 and later).
var shiftTerms = []string{"xterm", "screen", "tmux", "rxvt", "linux", "vt100", "vt102", "vt220",
	"alacritty", "foot", "kitty", "wezterm", "st-", "konsole", "gnome"}

// moverOf returns the screen's rowMover and the terminal's writer when rows
// may be moved on this terminal, nil otherwise.
func moverOf(s tcell.Screen) (rowMover, io.Writer) {
	if !layer.On(layer.Shift) {
		return nil, nil
	}
	m, ok := s.(rowMover)
	if !ok {
		return nil, nil
	}
	tty, ok := m.Tty()
	if !ok || tty == nil {
		return nil, nil
	}
	if hasPrefix(os.Getenv("TERM"), shiftTerms) {
		return m, tty
	}
	return nil, nil
}

// hasPrefix reports whether s starts with one of prefixes.
func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// rowShift is a run of rows a..b of the new frame that the last frame showed
// d rows higher (d > 0: moved down) or lower (d < 0: moved up).
type rowShift struct{ a, b, d int }

// findShift returns the longest run of at least minShiftRows rows that moved
// by the same distance, each of them changed in place; ok is false if none.
// Rows are compared by hash first, then cell by cell.
func (f *frameScreen) findShift() (best rowShift, ok bool) {
	f.curHash = rowHashes(f.curHash[:0], f.cur, f.w, f.h)
	f.shownHash = rowHashes(f.shownHash[:0], f.shown, f.w, f.h)
	bestLen := minShiftRows - 1
	for d := -maxShift; d <= maxShift; d++ {
		if d == 0 {
			continue
		}
		run := 0
		for y := 0; y < f.h; y++ {
			src := y - d
			moved := src >= 0 && src < f.h && f.curHash[y] == f.shownHash[src] &&
				f.curHash[y] != f.shownHash[y] && f.rowsEqual(y, src)
			if !moved {
				run = 0
				continue
			}
			run++
			if run > bestLen {
				bestLen, best = run, rowShift{a: y - run + 1, b: y, d: d}
			}
		}
	}
	return best, bestLen >= minShiftRows
}

// rowHashes appends a hash of each of the h rows of w cells.
func rowHashes(dst []uint64, cells []frameCell, w, h int) []uint64 {
	for y := range h {
		hash := uint64(14695981039346656037)
		for _, c := range cells[y*w : (y+1)*w] {
			hash = (hash ^ uint64(c.main)) * 1099511628211
			hash = (hash ^ uint64(c.style)) * 1099511628211
		}
		dst = append(dst, hash)
	}
	return dst
}

// rowsEqual reports whether row y of the new frame is row src of the last one.
func (f *frameScreen) rowsEqual(y, src int) bool {
	a, b := f.cur[y*f.w:(y+1)*f.w], f.shown[src*f.w:(src+1)*f.w]
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shiftRows moves the longest run of moved rows on the terminal, and records
// in shown, and in tcell's cells, what the terminal shows afterwards. It does
// nothing when a frame has combining characters (rare; then rows are written).
func (f *frameScreen) shiftRows() {
	if f.mover == nil || len(f.curComb) > 0 || len(f.shownComb) > 0 {
		return
	}
	s, ok := f.findShift()
	if !ok {
		return
	}
	// The scroll region spans the moved rows and the rows they leave behind;
	// insert (or delete) d lines at its top.
	top, bottom, op := s.a-s.d, s.b, "L"
	n := s.d
	if s.d < 0 {
		top, bottom, op, n = s.a, s.b-s.d, "M", -s.d
	}
	seq := make([]byte, 0, 48)
	seq = append(seq, "\x1b[m\x1b["...)
	seq = strconv.AppendInt(seq, int64(top+1), 10)
	seq = append(seq, ';')
	seq = strconv.AppendInt(seq, int64(bottom+1), 10)
	seq = append(seq, "r\x1b["...)
	seq = strconv.AppendInt(seq, int64(top+1), 10)
	seq = append(seq, ";1H\x1b["...)
	seq = strconv.AppendInt(seq, int64(n), 10)
	seq = append(seq, op...)
	seq = append(seq, "\x1b[r"...)
	if _, err := f.tty.Write(seq); err != nil {
		return
	}
	f.shifts++

	// What the terminal shows now: the moved rows, and blank lines (default
	// colours, after the reset above) where rows were inserted or pulled up.
	blank := frameCell{main: ' '}
	cells := f.mover.GetCells()
	f.mover.Lock()
	defer f.mover.Unlock()
	for y := top; y <= bottom; y++ {
		row := f.shown[y*f.w : (y+1)*f.w]
		if y >= s.a && y <= s.b {
			copy(row, f.cur[y*f.w:(y+1)*f.w])
		} else {
			for i := range row {
				row[i] = blank
			}
		}
		for x, c := range row {
			cells.Put(x, y, cellText(c.main, nil), f.styles[c.style])
			cells.SetDirty(x, y, false)
		}
	}
}
