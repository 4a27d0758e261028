package screen

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
)

// ttyScreen is a simulation screen with a terminal to write to, whose output
// is recorded: what frameScreen needs to move rows.
type ttyScreen struct {
	tcell.SimulationScreen
	out *bytes.Buffer
}

func (s *ttyScreen) Tty() (tcell.Tty, bool) { return recordTty{s.out}, true }

// GetCells, Lock and Unlock reach the simulation screen's own, which its
// interface type does not list.
func (s *ttyScreen) GetCells() *tcell.CellBuffer { return s.SimulationScreen.(rowMover).GetCells() }
func (s *ttyScreen) Lock()                       { s.SimulationScreen.(rowMover).Lock() }
func (s *ttyScreen) Unlock()                     { s.SimulationScreen.(rowMover).Unlock() }

// recordTty is a terminal that records what is written to it.
type recordTty struct{ *bytes.Buffer }

func (recordTty) Start() error        { return nil }
func (recordTty) Stop() error         { return nil }
func (recordTty) Drain() error        { return nil }
func (recordTty) NotifyResize(func()) {}
func (recordTty) WindowSize() (tcell.WindowSize, error) {
	return tcell.WindowSize{Width: 30, Height: 10}, nil
}
func (recordTty) Close() error { return nil }

// simScreen is an initialised w×h simulation screen, finalised at cleanup.
func simScreen(t *testing.T, w, h int) tcell.SimulationScreen {
	t.Helper()
	sim := tcell.NewSimulationScreen("UTF-8")
	if err := sim.Init(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Fini)
	sim.SetSize(w, h)
	return sim
}

// ttyFrame is a frameScreen over a 30x10 simulation screen with a recording
// terminal: the screen, and what is written to the terminal.
func ttyFrame(t *testing.T) (*frameScreen, tcell.SimulationScreen, *bytes.Buffer) {
	t.Helper()
	sim := simScreen(t, 30, 10)
	out := &bytes.Buffer{}
	return newFrameScreen(&ttyScreen{SimulationScreen: sim, out: out}), sim, out
}

// drawRows draws one line of text per row.
func drawRows(s tcell.Screen, rows []string) {
	s.Clear()
	for y, text := range rows {
		for x, r := range text {
			s.SetContent(x, y, r, nil, tcell.StyleDefault)
		}
	}
}

// simRows is what the simulation screen shows, row by row, right-trimmed.
func simRows(sim tcell.SimulationScreen) []string {
	cells, w, h := sim.GetContents()
	var rows []string
	for y := range h {
		var b strings.Builder
		for x := range w {
			b.WriteString(string(cells[y*w+x].Runes))
		}
		rows = append(rows, strings.TrimRight(b.String(), " "))
	}
	return rows
}

// TestFrameScreenMovesRows: a list that moved up a row is moved on the terminal
// with delete line in a scroll region, and tcell writes none of the moved rows;
// one that moved down, with insert line.
func TestFrameScreenMovesRows(t *testing.T) {
	t.Setenv("TERM", "xterm-256color")
	for _, tc := range []struct {
		name  string
		shift int // rows 2..7 move by this
		want  string
	}{
		{"up", -1, "\x1b[m\x1b[2;8r\x1b[2;1H\x1b[1M\x1b[r"},
		{"down", 2, "\x1b[m\x1b[3;10r\x1b[3;1H\x1b[2L\x1b[r"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, sim, out := ttyFrame(t)

			before := make([]string, 10)
			before[0] = "header"
			for y := 1; y < 10; y++ {
				before[y] = fmt.Sprintf("process %d line", 100+y)
			}
			drawRows(f, before)
			f.Show()
			out.Reset()

			after := make([]string, 10)
			after[0] = "header"
			for y := 1; y < 10; y++ {
				after[y] = "new " + fmt.Sprint(y)
			}
			moved := map[int]bool{}
			for y := 2; y <= 7; y++ {
				after[y+tc.shift] = before[y]
				moved[y+tc.shift] = true
			}
			drawRows(f, after)
			f.Show()

			if f.shifts != 1 || !strings.HasPrefix(out.String(), tc.want) {
				t.Fatalf("shifts %d, wrote %q; want %q first", f.shifts, out.String(), tc.want)
			}
			// The simulated terminal does not move rows, so the moved ones
			// still show what they showed before: tcell wrote nothing there.
			// Nor does it blank the rows the move left behind, which tcell
			// takes for blank: there it wrote only the new frame's non-blank
			// cells. Every other row shows the new frame.
			var top, bottom int // the scroll region
			if tc.shift > 0 {
				top, bottom = 2, 7+tc.shift
			} else {
				top, bottom = 2+tc.shift, 7
			}
			got := simRows(sim)
			for y := range 10 {
				want := after[y]
				switch {
				case moved[y]:
					want = before[y]
				case y >= top && y <= bottom:
					want = overlay(after[y], before[y])
				}
				if got[y] != want {
					t.Errorf("row %d shows %q, want %q", y, got[y], want)
				}
			}
		})
	}
}

// overlay is old with text written over it: the non-blank characters, and the
// blanks between them, which are fewer than maxBridge here (bridged).
func overlay(text, old string) string {
	b := []byte(old)
	for len(b) < len(text) {
		b = append(b, ' ')
	}
	copy(b, strings.TrimRight(text, " "))
	return strings.TrimRight(string(b), " ")
}

// TestFrameScreenNoMoveWithoutTerminal: without a terminal to write to (a
// simulation screen, or a TERM not known to do scroll regions) rows are
// written, not moved.
func TestFrameScreenNoMoveWithoutTerminal(t *testing.T) {
	t.Setenv("TERM", "dumb")
	f, sim, out := ttyFrame(t)
	rows := make([]string, 10)
	for y := range rows {
		rows[y] = fmt.Sprintf("row %d", y)
	}
	drawRows(f, rows)
	f.Show()
	drawRows(f, append([]string{"top"}, rows[:9]...))
	f.Show()
	if f.shifts != 0 || out.Len() != 0 {
		t.Errorf("TERM=dumb: %d moves, wrote %q", f.shifts, out.String())
	}
	if got := simRows(sim); got[5] != "row 4" {
		t.Errorf("row 5 shows %q, want row 4", got[5])
	}
}
