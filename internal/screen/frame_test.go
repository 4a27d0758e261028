package screen

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
)

// countingScreen counts the cells handed to the real screen.
type countingScreen struct {
	tcell.SimulationScreen
	puts int
}

func (c *countingScreen) Put(x, y int, str string, st tcell.Style) (string, int) {
	c.puts++
	return c.SimulationScreen.Put(x, y, str, st)
}

func drawText(s tcell.Screen, y int, text string, st tcell.Style) {
	s.Clear()
	for x, r := range text {
		s.SetContent(x, y, r, nil, st)
	}
}

func TestFrameScreenPushesOnlyChanges(t *testing.T) {
	sim := simScreen(t, 20, 3)
	cs := &countingScreen{SimulationScreen: sim}
	f := newFrameScreen(cs)

	drawText(f, 1, "Tasks: 12", tcell.StyleDefault)
	f.Show()
	if cs.puts != 60 {
		t.Errorf("first frame pushed %d cells, want all 60", cs.puts)
	}
	cs.puts = 0
	drawText(f, 1, "Tasks: 12", tcell.StyleDefault) // the same frame again
	f.Show()
	if cs.puts != 0 {
		t.Errorf("an unchanged frame pushed %d cells", cs.puts)
	}
	drawText(f, 1, "Tasks: 13", tcell.StyleDefault.Bold(true))
	f.Show()
	if cs.puts != 9 {
		t.Errorf("a restyled line pushed %d cells, want its 9", cs.puts)
	}
	cells, w, _ := sim.GetContents()
	if got := string(cells[w+8].Runes); got != "3" {
		t.Errorf("screen shows %q at the changed cell", got)
	}
	if r, _, _, _ := f.GetContent(7, 1); r != '1' {
		t.Errorf("GetContent reads %q from the frame", r)
	}
	cs.puts = 0
	f.Sync()
	if cs.puts != 60 {
		t.Errorf("Sync pushed %d cells, want all", cs.puts)
	}
	sim.SetSize(10, 2) // a resize starts over
	cs.puts = 0
	drawText(f, 0, "x", tcell.StyleDefault)
	f.Show()
	if cs.puts != 20 {
		t.Errorf("after a resize pushed %d cells, want all 20", cs.puts)
	}
}

// TestFrameScreenCombiningAndStyles: combining runes and styles survive the
// frame's compact cells, a changed combining rune alone is pushed, and a palette
// that fills up starts afresh with the whole frame pushed.
func TestFrameScreenCombiningAndStyles(t *testing.T) {
	sim := simScreen(t, 4, 1)
	cs := &countingScreen{SimulationScreen: sim}
	f := newFrameScreen(cs)
	red := tcell.StyleDefault.Foreground(tcell.ColorRed)

	f.Clear()
	f.SetContent(0, 0, 'e', []rune{'\u0301'}, red)
	f.Show()
	if m, comb, st, _ := f.GetContent(0, 0); m != 'e' || string(comb) != "\u0301" || st != red {
		t.Errorf("cell reads %q %q %v", m, comb, st)
	}
	cells, _, _ := sim.GetContents()
	if got := string(cells[0].Runes); got != "e\u0301" {
		t.Errorf("screen shows %q", got)
	}
	cs.puts = 0
	f.Clear()
	f.SetContent(0, 0, 'e', []rune{'\u0300'}, red) // only the accent changes
	f.Show()
	if cs.puts != 1 {
		t.Errorf("a changed combining rune pushed %d cells, want 1", cs.puts)
	}
	cs.puts = 0
	f.Clear()
	f.SetContent(0, 0, 'e', nil, red) // and goes
	f.Show()
	if cells, _, _ := sim.GetContents(); cs.puts != 1 || string(cells[0].Runes) != "e" {
		t.Errorf("dropped accent: %d pushes, screen %q", cs.puts, cells[0].Runes)
	}

	// Styles made on the fly until the palette is full: every frame still
	// shows the right colours.
	for i := range maxStyles + 10 {
		st := tcell.StyleDefault.Foreground(tcell.NewRGBColor(int32(i>>8), int32(i&0xff), 1))
		f.Clear()
		f.SetContent(1, 0, 'x', nil, st)
		f.Show()
		if _, _, got, _ := f.GetContent(1, 0); got != st {
			t.Fatalf("frame %d: style %v, want %v", i, got, st)
		}
	}
	if len(f.styles) > maxStyles {
		t.Errorf("palette grew to %d styles", len(f.styles))
	}
}

// bridgeScreen records the cells tcell is told to write again (LockRegion with
// lock false).
type bridgeScreen struct {
	tcell.SimulationScreen
	unlocked int
}

func (b *bridgeScreen) LockRegion(x, y, w, h int, lock bool) {
	if !lock {
		b.unlocked += w * h
	}
	b.SimulationScreen.LockRegion(x, y, w, h, lock)
}

// TestFrameScreenBridgesShortGaps: two changes on a row a few plain cells apart
// have the cells between written again (no cursor move); a wide gap, another
// row or another colour between them does not.
func TestFrameScreenBridgesShortGaps(t *testing.T) {
	sim := simScreen(t, 40, 3)
	bs := &bridgeScreen{SimulationScreen: sim}
	f := newFrameScreen(bs)
	drawText(f, 1, "cpu 0.0 mem 1.0 time 0:01.00", tcell.StyleDefault)
	f.Show()
	bs.unlocked = 0
	drawText(f, 1, "cpu 0.5 mem 1.0 time 0:01.01", tcell.StyleDefault) // "5", 13 apart from "1"
	f.Show()
	if bs.unlocked != 0 {
		t.Errorf("a 20-cell gap was bridged (%d cells)", bs.unlocked)
	}
	drawText(f, 1, "cpu 0.6 mem 1.1 time 0:01.01", tcell.StyleDefault) // "6" and "1", 7 apart
	f.Show()
	if bs.unlocked != 0 {
		t.Errorf("a 7-cell gap was bridged (%d cells)", bs.unlocked)
	}
	drawText(f, 1, "cpu 0.6 mem 1.3 t me 0:01.02", tcell.StyleDefault) // "3", " ": 2 apart; "2" 9 on
	f.Show()
	if bs.unlocked != 2 {
		t.Errorf("a 2-cell gap: %d cells bridged, want 2", bs.unlocked)
	}
	cells, w, _ := sim.GetContents()
	var b strings.Builder
	for x := range 28 {
		b.WriteString(string(cells[w+x].Runes))
	}
	if got := b.String(); got != "cpu 0.6 mem 1.3 t me 0:01.02" {
		t.Errorf("screen shows %q", got)
	}
	// The same gap in another colour is jumped over.
	bs.unlocked = 0
	f.Clear()
	for x, r := range "cpu 0.6 mem 1.4 time 0:01.02" {
		st := tcell.StyleDefault
		if x >= 13 && x <= 14 {
			st = st.Bold(true)
		}
		f.SetContent(x, 1, r, nil, st)
	}
	f.Show()
	if bs.unlocked != 0 {
		t.Errorf("a gap in another style was bridged (%d cells)", bs.unlocked)
	}
}

// cellText shares the text of an ASCII cell (no allocation) and spells out the
// others with their combining runes.
func TestCellText(t *testing.T) {
	for _, c := range []struct {
		main rune
		comb []rune
		want string
	}{{'a', nil, "a"}, {' ', nil, " "}, {'│', nil, "│"}, {'e', []rune{'\u0301'}, "e\u0301"}, {0, nil, "\x00"}} {
		if got := cellText(c.main, c.comb); got != c.want {
			t.Errorf("cellText(%q, %q) = %q, want %q", c.main, c.comb, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = cellText('x', nil) }); n != 0 {
		t.Errorf("an ASCII cell allocates %v times", n)
	}
}
