package uitest

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
)

// Timeout bounds every wait: drawing is asynchronous, so tests poll for the
// screen they expect; it is a deadlock guard, not a timing assertion.
const Timeout = 30 * time.Second // generous: a loaded 2-core machine with thousands of processes is slow

// Screen is a simulated terminal. Pass Screen() as the viewer's screen and
// AfterDraw as its after-draw hook; the hook copies each frame on the UI
// goroutine, so tests read frames without racing the drawing.
type Screen struct {
	sim    tcell.SimulationScreen
	w, h   int
	colors int // the colour count the terminal reports; 0: tcell's simulation's (256)

	mu      sync.Mutex
	cells   []tcell.SimCell
	cw      int
	frames  int
	drawn   chan struct{} // closed and replaced at every frame
	watches []watch       // see Watch
}

// watch is a pending Watch: ok is asked about every frame until it holds,
// then the frame's number goes to at.
type watch struct {
	ok func(lines []string) bool
	at chan int
}

// NewScreen makes a w×h simulated UTF-8 terminal.
func NewScreen(w, h int) *Screen {
	return &Screen{sim: tcell.NewSimulationScreen("UTF-8"), w: w, h: h, drawn: make(chan struct{})}
}

// NewScreenColors makes a w×h simulated UTF-8 terminal that reports colors
// colours (tcell's simulation always says 256), for the viewer's choice of
// colours on lesser terminals. The cells keep the colours drawn, unconverted.
func NewScreenColors(w, h, colors int) *Screen {
	s := NewScreen(w, h)
	s.colors = colors
	return s
}

// sized sets the simulated size when the screen is initialised (Init resets it
// to 80×25, and tview initialises the screen it is given).
type sized struct {
	tcell.SimulationScreen
	w, h   int
	colors int
}

// Colors is the colour count the screen was made with.
func (z sized) Colors() int {
	if z.colors > 0 {
		return z.colors
	}
	return z.SimulationScreen.Colors()
}

func (z sized) Init() error {
	if err := z.SimulationScreen.Init(); err != nil {
		return err
	}
	z.SetSize(z.w, z.h)
	return nil
}

// Screen returns the tcell.Screen to give the viewer.
func (s *Screen) Screen() tcell.Screen { return sized{s.sim, s.w, s.h, s.colors} }

// AfterDraw records a frame; give it to the viewer as its after-draw hook. tview
// calls the hook before it shows the frame, so the hook shows it first (a second
// Show of the same frame changes nothing).
func (s *Screen) AfterDraw(scr tcell.Screen) {
	scr.Show()
	cells, w, _ := s.sim.GetContents()
	cp := make([]tcell.SimCell, len(cells))
	copy(cp, cells)
	s.mu.Lock()
	s.cells, s.cw = cp, w
	s.frames++
	frame, watches := s.frames, s.watches
	close(s.drawn)
	s.drawn = make(chan struct{})
	s.mu.Unlock()
	if len(watches) == 0 {
		return
	}
	// The predicates run without the lock: they may take the test's own.
	lines := linesOf(cp, w)
	var done []watch
	for _, wt := range watches {
		if wt.ok(lines) {
			wt.at <- frame
			done = append(done, wt)
		}
	}
	if len(done) == 0 {
		return
	}
	s.mu.Lock()
	s.watches = slices.DeleteFunc(s.watches, func(wt watch) bool {
		return slices.ContainsFunc(done, func(d watch) bool { return d.at == wt.at })
	})
	s.mu.Unlock()
}

// Watch asks ok about every frame drawn from now on, on the UI goroutine, and
// sends the number of the first frame it holds for (see Frames) on the channel
// returned. Unlike WaitFor, which polls the last frame, it sees every frame:
// for counting the frames a key's answer took.
func (s *Screen) Watch(ok func(lines []string) bool) <-chan int {
	at := make(chan int, 1)
	s.mu.Lock()
	s.watches = append(s.watches, watch{ok, at})
	s.mu.Unlock()
	return at
}

// Finalized reports whether the viewer has released the terminal (Fini), as it
// must on every exit.
func (s *Screen) Finalized() bool {
	w, h := s.sim.Size()
	return w == 0 && h == 0
}

// Frames is the number of frames drawn so far.
func (s *Screen) Frames() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.frames
}

// Lines returns the last frame as text, one string per row, trailing spaces cut.
func (s *Screen) Lines() []string {
	s.mu.Lock()
	cells, w := s.cells, s.cw
	s.mu.Unlock()
	return linesOf(cells, w)
}

// linesOf is a frame of cells w wide as text, as Lines returns it.
func linesOf(cells []tcell.SimCell, w int) []string {
	if w == 0 {
		return nil
	}
	var lines []string
	for y := 0; y < len(cells)/w; y++ {
		var b strings.Builder
		for x := 0; x < w; x++ {
			c := cells[y*w+x]
			if len(c.Runes) == 0 {
				if x+1 < w || len(c.Bytes) == 0 {
					b.WriteByte(' ')
				}
				continue
			}
			b.WriteString(string(c.Runes))
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	return lines
}

// Text is the last frame as one string.
func (s *Screen) Text() string { return strings.Join(s.Lines(), "\n") }

// Style returns the style of the cell at (x, y) of the last frame.
func (s *Screen) Style(x, y int) tcell.Style {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cw == 0 || x < 0 || x >= s.cw || y < 0 || y*s.cw+x >= len(s.cells) {
		return tcell.StyleDefault
	}
	return s.cells[y*s.cw+x].Style
}

// Find returns the position of the first occurrence of text in the last frame.
func (s *Screen) Find(text string) (x, y int, ok bool) {
	for y, l := range s.Lines() {
		if i := strings.Index(l, text); i >= 0 {
			return len([]rune(l[:i])), y, true
		}
	}
	return 0, 0, false
}

// WaitFor waits until a frame satisfies ok and returns its lines; it fails the
// test with the last frame after Timeout.
func (s *Screen) WaitFor(t testing.TB, what string, ok func(lines []string) bool) []string {
	t.Helper()
	deadline := time.After(Timeout)
	for {
		s.mu.Lock()
		drawn := s.drawn
		s.mu.Unlock()
		if lines := s.Lines(); ok(lines) {
			return lines
		}
		select {
		case <-drawn:
		case <-time.After(50 * time.Millisecond): // a frame may have come between Lines and drawn
		case <-deadline:
			t.Fatalf("timed out waiting for %s; screen:\n%s", what, s.Text())
		}
	}
}

// WaitText waits until the screen shows text.
func (s *Screen) WaitText(t testing.TB, text string) []string {
	t.Helper()
	return s.WaitFor(t, "the screen to show "+text, func(lines []string) bool {
		return strings.Contains(strings.Join(lines, "\n"), text)
	})
}

// WaitGone waits until the screen no longer shows text.
func (s *Screen) WaitGone(t testing.TB, text string) []string {
	t.Helper()
	return s.WaitFor(t, "the screen to stop showing "+text, func(lines []string) bool {
		return !strings.Contains(strings.Join(lines, "\n"), text)
	})
}

// Key injects a special key (tcell.KeyF6, tcell.KeyDown …).
func (s *Screen) Key(k tcell.Key) { s.sim.InjectKey(k, 0, tcell.ModNone) }

// KeyMod injects a key with modifiers (Shift-F3).
func (s *Screen) KeyMod(k tcell.Key, m tcell.ModMask) { s.sim.InjectKey(k, 0, m) }

// Type injects each character of text as a key press.
func (s *Screen) Type(text string) {
	for _, r := range text {
		s.sim.InjectKey(tcell.KeyRune, r, tcell.ModNone)
	}
}

// Click injects a left click (press and release) at (x, y).
func (s *Screen) Click(x, y int) {
	s.sim.InjectMouse(x, y, tcell.Button1, tcell.ModNone)
	s.sim.InjectMouse(x, y, tcell.ButtonNone, tcell.ModNone)
}

// Wheel injects one wheel step at (x, y), down or up.
func (s *Screen) Wheel(x, y int, down bool) {
	b := tcell.WheelUp
	if down {
		b = tcell.WheelDown
	}
	s.sim.InjectMouse(x, y, b, tcell.ModNone)
}

// Resize changes the terminal's size and tells the viewer.
func (s *Screen) Resize(w, h int) {
	s.sim.SetSize(w, h)
	_ = s.sim.PostEvent(tcell.NewEventResize(w, h))
}
