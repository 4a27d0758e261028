//go:build unix

package screen

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/uniseg"
)

// quietTty is a terminal of a fixed size that records what is written to it
// and has nothing to read until it is closed.
type quietTty struct {
	w, h   int
	out    bytes.Buffer
	mu     sync.Mutex
	closed chan struct{}
	once   sync.Once
}

func newQuietTty(w, h int) *quietTty { return &quietTty{w: w, h: h, closed: make(chan struct{})} }

func (q *quietTty) Read([]byte) (int, error) { <-q.closed; return 0, io.EOF }
func (q *quietTty) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.out.Write(p)
}
func (q *quietTty) take() []byte {
	q.mu.Lock()
	defer q.mu.Unlock()
	b := bytes.Clone(q.out.Bytes())
	q.out.Reset()
	return b
}
func (q *quietTty) Start() error        { return nil }
func (q *quietTty) Stop() error         { return nil }
func (q *quietTty) Drain() error        { q.once.Do(func() { close(q.closed) }); return nil }
func (q *quietTty) NotifyResize(func()) {}
func (q *quietTty) WindowSize() (tcell.WindowSize, error) {
	return tcell.WindowSize{Width: q.w, Height: q.h}, nil
}
func (q *quietTty) Close() error { return q.Drain() }

// pipeline is a frameScreen over tcell over a batchTty, as the viewer has it,
// and a model of the terminal fed what it writes.
type pipeline struct {
	tty   *quietTty
	frame *frameScreen
	model *vtModel
	bytes int
	els   int // erases to the end of a line written
}

func newPipeline(t *testing.T, term string, w, h int, compact bool) *pipeline {
	t.Helper()
	tty := newQuietTty(w, h)
	bt := newBatchTty(tty, term)
	bt.compact = compact
	scr, err := tcell.NewTerminfoScreenFromTty(bt)
	if err != nil {
		t.Fatal(err)
	}
	if err := scr.Init(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(scr.Fini)
	tty.take() // what Init writes: modes, not the screen
	return &pipeline{tty: tty, frame: newFrameScreen(scr), model: newVTModel(t, w, h, bt.caps.bce)}
}

func (p *pipeline) show(rows [][]styledText) {
	f := p.frame
	f.Clear()
	for y, row := range rows {
		x := 0
		for _, seg := range row {
			state := -1
			s := seg.text
			for s != "" {
				var cl string
				var w int
				cl, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
				r := []rune(cl)
				if x+max(w, 1) > f.w {
					break
				}
				f.SetContent(x, y, r[0], r[1:], seg.style)
				x += max(w, 1)
			}
		}
	}
	f.Show()
	b := p.tty.take()
	p.bytes += len(b)
	p.els += bytes.Count(b, []byte("\x1b[K"))
	p.model.write(b)
}

type styledText struct {
	text  string
	style tcell.Style
}

var testWords = []string{"sleep", "3600", "/usr/bin/python3", "root", "S", "0.0", "12:01.55", "│", "├─ ",
	"└─ ", "日本語", "e\u0301te", "…", "||||", "  ", "   ", "1.05G/23.5G", "x"}

// randomRows makes rows like the viewer's: meters, a header, process rows of
// coloured fields and a command, blanks to the end of the row or a selection
// bar that fills it, and now and then wide, combining or line-drawing text.
func randomRows(rng *rand.Rand, w, h int) [][]styledText {
	styles := []tcell.Style{
		tcell.StyleDefault,
		tcell.StyleDefault.Foreground(tcell.ColorTeal),
		tcell.StyleDefault.Foreground(tcell.ColorTeal).Bold(true),
		tcell.StyleDefault.Foreground(tcell.ColorMaroon),
		tcell.StyleDefault.Foreground(tcell.ColorGreen).Bold(true),
		tcell.StyleDefault.Foreground(tcell.PaletteColor(244)),
		tcell.StyleDefault.Reverse(true),
		tcell.StyleDefault.Underline(true),
		tcell.StyleDefault.Dim(true),
	}
	bar := tcell.StyleDefault.Foreground(tcell.ColorBlack).Background(tcell.ColorTeal)
	rows := make([][]styledText, h)
	for y := range rows {
		var row []styledText
		n := rng.IntN(12)
		for range n {
			row = append(row, styledText{testWords[rng.IntN(len(testWords))], styles[rng.IntN(len(styles))]})
		}
		if rng.IntN(6) == 0 { // blanks in some style to the end of the row
			row = append(row, styledText{strings.Repeat(" ", w), styles[rng.IntN(len(styles))]})
		}
		if rng.IntN(8) == 0 { // the selection bar: its style to the end of the row
			for i := range row {
				row[i].style = bar
			}
			row = append(row, styledText{strings.Repeat(" ", w), bar})
		}
		rows[y] = row
	}
	return rows
}

// mutate changes rows as refreshes do: a field here and there, a row that
// comes or goes (the rows below move), the selection bar moving.
func mutate(rng *rand.Rand, rows [][]styledText, w int) [][]styledText {
	fresh := randomRows(rng, w, len(rows))
	out := append([][]styledText(nil), rows...)
	for range rng.IntN(4) {
		y := rng.IntN(len(out))
		row := append([]styledText(nil), out[y]...)
		if len(row) > 0 {
			i := rng.IntN(len(row))
			row[i].text = testWords[rng.IntN(len(testWords))]
		}
		out[y] = row
	}
	switch rng.IntN(4) {
	case 0: // a row leaves, the rows below move up
		y := rng.IntN(len(out))
		out = append(append(out[:y:y], out[y+1:]...), fresh[0])
	case 1: // a row comes, the rows below move down
		y := rng.IntN(len(out))
		out = append(append(out[:y:y], fresh[1]), out[y:len(out)-1]...)
	case 2:
		out[rng.IntN(len(out))] = fresh[2]
	}
	return out
}

// The compacted frames leave the terminal showing what tcell's own frames
// do, frame after frame, on a model of the terminal; and they are shorter.
func TestCompactFrameSameScreen(t *testing.T) {
	for _, term := range []string{"screen-256color", "xterm-256color", "tmux-256color", "linux", "rxvt-unicode-256color", "vt220", "xterm"} {
		t.Run(term, func(t *testing.T) {
			t.Setenv("TERM", term)
			const w, h = 40, 14
			raw := newPipeline(t, term, w, h, false)
			short := newPipeline(t, term, w, h, true)
			rng := rand.New(rand.NewPCG(1, uint64(len(term))))
			rows := randomRows(rng, w, h)
			for frame := range 300 {
				raw.show(rows)
				short.show(rows)
				a, b := raw.model.screen(), short.model.screen()
				for y := range a {
					if a[y] != b[y] {
						t.Fatalf("frame %d, row %d differs:\ntcell:     %s\ncompacted: %s", frame, y, a[y], b[y])
					}
				}
				rows = mutate(rng, rows, w)
			}
			if short.bytes >= raw.bytes || short.els == 0 || raw.els != 0 {
				t.Errorf("compacted frames took %d bytes with %d ELs, tcell's %d with %d", short.bytes, short.els,
					raw.bytes, raw.els)
			}
			t.Logf("%s: %d bytes for tcell's frames, %d compacted", term, raw.bytes, short.bytes)
		})
	}
}
