package screen

import (
	"fmt"
	"io"
	"slices"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/layer"
)

// frameScreen keeps the terminal output to what changed between frames.
//
// tview clears the whole screen before every frame and its boxes fill their
// background before drawing text. tcell (v2.13) marks a cell dirty whenever a
// put changes it from what the cell held a moment before, so every non-blank
// cell went out again every frame: about 10 KiB per refresh at 200×50, where
// htop sends 1–2 KiB. frameScreen collects a frame in its own buffer and, on
// Show, hands tcell only the cells that differ from the last frame it showed;
// tcell then writes exactly those.
type frameScreen struct {
	tcell.Screen
	w, h  int
	cur   []frameCell // the frame being drawn
	shown []frameCell // the last frame given to the screen
	fresh bool        // shown is not valid: push every cell
	ascii bool        // ASCII mode (see ascii.go): every rune drawn is made ASCII

	// The cells hold an index into styles rather than the 56-byte tcell.Style,
	// and combining runes (rare) live beside them by cell index: 8 bytes a cell
	// instead of 88, which at 120x40 kept ~750 KiB off the heap.
	styles    []tcell.Style
	styleIdx  map[tcell.Style]uint16
	lastStyle tcell.Style // the style of the last put, and its index:
	lastIdx   uint16      // runs of cells share one
	curComb   map[int][]rune
	shownComb map[int][]rune

	// Moving rows on the terminal (shift.go); mover is nil where that is off.
	// It is looked up at the first push: tcell opens the terminal in Init.
	looked    bool
	mover     rowMover
	tty       io.Writer
	batch     *batchTty // the terminal's, when it batches a frame's writes
	curHash   []uint64
	shownHash []uint64
	shifts    int // row moves written (the tests read it)
	tails     []int
}

// frameCell is one cell: its rune, and its style's index in frameScreen.styles
// with hasComb set when curComb (or shownComb) holds combining runes for it.
type frameCell struct {
	main  rune
	style uint16
}

const (
	hasComb   = 1 << 15
	maxStyles = hasComb - 1 // a palette this full is started afresh
)

// NewFrame wraps s, the terminal's screen, in the viewer's frame engine: the
// framediff, shift and compact layers, and ASCII mode when ascii is set (every
// rune drawn is made ASCII; see ascii.go).
func NewFrame(s tcell.Screen, ascii bool) tcell.Screen {
	f := newFrameScreen(s)
	f.ascii = ascii
	return f
}

func newFrameScreen(s tcell.Screen) *frameScreen {
	f := &frameScreen{Screen: s, fresh: true}
	f.resetStyles()
	return f
}

// resetStyles empties the palette but for the default style (index 0).
func (f *frameScreen) resetStyles() {
	f.styles = append(f.styles[:0], tcell.StyleDefault)
	f.styleIdx = map[tcell.Style]uint16{tcell.StyleDefault: 0}
	f.lastStyle, f.lastIdx = tcell.StyleDefault, 0
}

// styleOf returns style's index, adding it to the palette when new. A palette
// grown past maxStyles (styles made on the fly) is reset, and the whole next
// frame pushed, since shown's indices no longer mean anything.
func (f *frameScreen) styleOf(style tcell.Style) uint16 {
	if style == f.lastStyle {
		return f.lastIdx
	}
	i, ok := f.styleIdx[style]
	if !ok {
		if len(f.styles) >= maxStyles {
			f.resetStyles()
			f.fresh = true
			for k := range f.cur {
				f.cur[k].style &= hasComb // their styles are gone: default
			}
		}
		i = uint16(len(f.styles))
		f.styles = append(f.styles, style)
		f.styleIdx[style] = i
	}
	f.lastStyle, f.lastIdx = style, i
	return i
}

// fit resizes the buffers to the screen's size; a change invalidates shown.
func (f *frameScreen) fit() {
	w, h := f.Screen.Size()
	if w == f.w && h == f.h && f.cur != nil {
		return
	}
	f.w, f.h = w, h
	f.cur = make([]frameCell, w*h)
	f.shown = make([]frameCell, w*h)
	for i := range f.cur {
		f.cur[i].main = ' '
	}
	clear(f.curComb)
	clear(f.shownComb)
	f.fresh = true
}

// at is the frame's cell at (x, y), or nil off the screen. The size is the one
// fit saw at the frame's start (Clear): asking the screen on every cell cost
// about a tenth of a frame.
func (f *frameScreen) at(x, y int) *frameCell {
	if f.cur == nil {
		f.fit()
	}
	if x < 0 || y < 0 || x >= f.w || y >= f.h {
		return nil
	}
	return &f.cur[y*f.w+x]
}

// Clear starts a frame of blanks.
func (f *frameScreen) Clear() { f.Fill(' ', tcell.StyleDefault) }

// Fill sets every cell of the frame.
func (f *frameScreen) Fill(r rune, style tcell.Style) {
	f.fit()
	if f.ascii {
		r = toASCII(r)
	}
	c := frameCell{main: r, style: f.styleOf(style)}
	for i := range f.cur {
		f.cur[i] = c
	}
	clear(f.curComb)
}

// SetContent sets one cell of the frame.
func (f *frameScreen) SetContent(x, y int, main rune, comb []rune, style tcell.Style) {
	c := f.at(x, y)
	if c == nil {
		return
	}
	if f.ascii {
		main, comb = toASCII(main), nil
	}
	*c = frameCell{main: main, style: f.styleOf(style)}
	i := y*f.w + x
	if len(comb) > 0 {
		if f.curComb == nil {
			f.curComb = make(map[int][]rune)
		}
		f.curComb[i] = append([]rune(nil), comb...)
		c.style |= hasComb
	} else if f.curComb != nil {
		delete(f.curComb, i)
	}
}

// GetContent reads the frame being drawn (tview merges border lines with it).
func (f *frameScreen) GetContent(x, y int) (rune, []rune, tcell.Style, int) {
	if c := f.at(x, y); c != nil {
		var comb []rune
		if c.style&hasComb != 0 {
			comb = f.curComb[y*f.w+x]
		}
		return c.main, comb, f.styles[c.style&^hasComb], 1
	}
	return f.Screen.GetContent(x, y)
}

// lookUp finds, at the first frame, what the terminal offers: row moves and a
// batching tty (tcell opens the terminal in Init).
func (f *frameScreen) lookUp() {
	if f.looked {
		return
	}
	f.mover, f.tty = moverOf(f.Screen)
	if t, ok := f.Screen.(interface{ Tty() (tcell.Tty, bool) }); ok {
		if tty, ok := t.Tty(); ok {
			f.batch, _ = tty.(*batchTty)
		}
	}
	if f.batch != nil {
		// A terminal that cannot be written ends the viewer as one that
		// cannot be read does: tview stops at an error event.
		screen := f.Screen
		f.batch.onError(func(err error) { screen.PostEvent(tcell.NewEventError(fmt.Errorf("terminal: %w", err))) })
	}
	f.looked = true
}

// hold makes the terminal collect what a frame writes, where it can, and
// returns what sends it (see batchTty).
func (f *frameScreen) hold() (flush func()) {
	f.lookUp()
	if f.batch == nil {
		return func() {}
	}
	f.batch.hold()
	return f.batch.flush
}

// asciiText holds a string for each ASCII rune, for cellText.
var asciiText = func() (t [128]string) {
	for r := range t {
		t[r] = string(rune(r))
	}
	return t
}()

// cellText is a cell's text for tcell's Put. tcell's SetContent makes a
// string of its runes for every cell, an allocation each (with its drawing,
// the idle viewer's ~60 KB a tick, which drive its collections: see
// cmd/pidtop/memory.go); the ASCII text of almost every cell is shared here.
func cellText(main rune, comb []rune) string {
	if len(comb) == 0 && main >= 0 && main < 128 {
		return asciiText[main]
	}
	return string(append([]rune{main}, comb...))
}

// push gives the screen every cell that changed since the last push.
func (f *frameScreen) push() {
	f.fit()
	f.lookUp()
	if !layer.On(layer.FrameDiff) {
		// What tview does through tcell without this layer: clear, then draw
		// every cell again.
		f.Screen.Clear()
		f.fresh = true
	}
	if !f.fresh {
		f.shiftRows()
	}
	last := -1 // the last cell pushed
	if f.batch != nil && f.batch.compact {
		f.tails = f.tails[:0]
		for y := range f.h {
			f.tails = append(f.tails, f.blankTail(y))
		}
		f.batch.setTails(f.tails)
	}
	for i := range f.cur {
		c := &f.cur[i]
		var comb []rune
		if c.style&hasComb != 0 {
			comb = f.curComb[i]
		}
		if !f.fresh && *c == f.shown[i] && (c.style&hasComb == 0 || slices.Equal(comb, f.shownComb[i])) {
			continue
		}
		if !f.fresh {
			f.bridge(last, i)
		}
		f.Screen.Put(i%f.w, i/f.w, cellText(c.main, comb), f.styles[c.style&^hasComb])
		f.shown[i] = *c
		last = i
	}
	// The combining runes shown are the ones just drawn.
	if len(f.curComb) > 0 || len(f.shownComb) > 0 {
		if f.shownComb == nil {
			f.shownComb = make(map[int][]rune, len(f.curComb))
		}
		clear(f.shownComb)
		for i, comb := range f.curComb {
			f.shownComb[i] = comb
		}
	}
	f.fresh = false
}

// blankTail returns the first column of row y from which the frame's cells are
// all blanks in the default style (the row's width when there are none): the
// terminal's batch erases them in one (see compactFrame).
func (f *frameScreen) blankTail(y int) int {
	row := f.cur[y*f.w : (y+1)*f.w]
	x := len(row)
	for x > 0 && row[x-1] == (frameCell{main: ' '}) {
		x--
	}
	return x
}

// maxBridge is the widest run of unchanged cells between two changed ones on a
// row that is written again rather than jumped over: a cursor move costs 6 to
// 9 bytes, a plain cell one.
const maxBridge = 5

// bridge has tcell write again the unchanged cells between the pushed cell
// last and the changed cell i, when they are on one row, few, plain ASCII and
// in the style of both ends (no colour change to pay for): cheaper than the
// cursor move tcell would write to jump over them. Unlocking a cell is how
// tcell's interface marks it to be written.
func (f *frameScreen) bridge(last, i int) {
	gap := i - last - 1
	if last < 0 || gap <= 0 || gap > maxBridge || last/f.w != i/f.w {
		return
	}
	st := f.cur[last].style
	if st&hasComb != 0 || f.cur[i].style != st {
		return
	}
	for _, c := range f.cur[last+1 : i] {
		if c.style != st || c.main >= 0x80 {
			return
		}
	}
	f.Screen.LockRegion(last%f.w+1, last/f.w, gap, 1, false)
}

// Show writes the changed cells to the terminal.
func (f *frameScreen) Show() {
	defer f.hold()()
	f.push()
	f.Screen.Show()
}

// Sync redraws the whole terminal (Ctrl-L, or after something else wrote to it).
func (f *frameScreen) Sync() {
	f.fresh = true
	defer f.hold()()
	f.push()
	f.Screen.Sync()
}
