package ui

import (
	"slices"

	"github.com/gdamore/tcell/v2"
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
}

type frameCell struct {
	main  rune
	comb  []rune
	style tcell.Style
}

func (c *frameCell) equal(o *frameCell) bool {
	return c.main == o.main && c.style == o.style && slices.Equal(c.comb, o.comb)
}

func newFrameScreen(s tcell.Screen) *frameScreen { return &frameScreen{Screen: s, fresh: true} }

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
	for i := range f.cur {
		f.cur[i] = frameCell{main: r, style: style}
	}
}

// SetContent sets one cell of the frame.
func (f *frameScreen) SetContent(x, y int, main rune, comb []rune, style tcell.Style) {
	if c := f.at(x, y); c != nil {
		*c = frameCell{main: main, comb: append(c.comb[:0:0], comb...), style: style}
	}
}

// GetContent reads the frame being drawn (tview merges border lines with it).
func (f *frameScreen) GetContent(x, y int) (rune, []rune, tcell.Style, int) {
	if c := f.at(x, y); c != nil {
		return c.main, c.comb, c.style, 1
	}
	return f.Screen.GetContent(x, y)
}

// push gives the screen every cell that changed since the last push.
func (f *frameScreen) push() {
	f.fit()
	for i := range f.cur {
		c := &f.cur[i]
		if !f.fresh && c.equal(&f.shown[i]) {
			continue
		}
		f.Screen.SetContent(i%f.w, i/f.w, c.main, c.comb, c.style)
		f.shown[i] = *c
	}
	f.fresh = false
}

// Show writes the changed cells to the terminal.
func (f *frameScreen) Show() {
	f.push()
	f.Screen.Show()
}

// Sync redraws the whole terminal (Ctrl-L, or after something else wrote to it).
func (f *frameScreen) Sync() {
	f.fresh = true
	f.push()
	f.Screen.Sync()
}
