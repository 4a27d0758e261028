//go:build unix

package screen

import (
	"bytes"
	"errors"
	"strings"
	"syscall"
	"testing"

	"github.com/gdamore/tcell/v2"
)

// writesTty is a tcell.Tty that records each Write.
type writesTty struct {
	tcell.Tty
	writes [][]byte
}

func (w *writesTty) Write(p []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(p))
	return len(p), nil
}

// A frame's writes reach the terminal as one; outside a frame each goes at once.
func TestBatchTtyOneWritePerFrame(t *testing.T) {
	w := &writesTty{}
	b := &batchTty{Tty: w, batch: true}
	b.Write([]byte("before"))
	b.hold()
	b.Write([]byte("\x1b[3;1H"))
	b.Write([]byte("frame"))
	b.Write([]byte("\x1b[?2026l"))
	if len(w.writes) != 1 {
		t.Fatalf("%d writes reached the terminal while holding, want 1 (the one before)", len(w.writes))
	}
	b.flush()
	b.flush() // nothing more to send
	b.Write([]byte("after"))
	want := []string{"before", "\x1b[3;1Hframe\x1b[?2026l", "after"}
	if len(w.writes) != len(want) {
		t.Fatalf("writes %q, want %q", w.writes, want)
	}
	for i := range want {
		if string(w.writes[i]) != want[i] {
			t.Errorf("write %d: %q, want %q", i, w.writes[i], want[i])
		}
	}
}

// Rows moved before tcell's frame go inside its synchronized update.
func TestSyncFirst(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[m\x1b[3;9r\x1b[3;1H\x1b[1M\x1b[r\x1b[?2026h\x1b[?25labc\x1b[?2026l": "\x1b[?2026h\x1b[m\x1b[3;9r\x1b[3;1H\x1b[1M\x1b[r\x1b[?25labc\x1b[?2026l",
		"\x1b[?2026habc\x1b[?2026l": "\x1b[?2026habc\x1b[?2026l",
		"abc":                       "abc",
	} {
		b := []byte(in)
		if syncFirst(b); string(b) != want {
			t.Errorf("syncFirst(%q) = %q, want %q", in, b, want)
		}
	}
}

// What the compactor may use follows TERM.
func TestBatchTtyCaps(t *testing.T) {
	for term, want := range map[string]termCaps{
		"xterm-256color":  {cha: true, bce: true},
		"screen-256color": {cha: true},
		"tmux-256color":   {cha: true},
		"linux":           {cha: true, bce: true},
		"vt220":           {},
		"dumb":            {},
	} {
		if got := newBatchTty(nil, term).caps; got != want {
			t.Errorf("TERM=%s: %+v, want %+v", term, got, want)
		}
	}
}

// failingTty is a terminal that went away: every write fails.
type failingTty struct{ tcell.Tty }

func (failingTty) Write([]byte) (int, error) { return 0, syscall.EIO }

// onTtyScreen is a simulated screen that says which Tty it draws on.
type onTtyScreen struct {
	tcell.SimulationScreen
	tty tcell.Tty
}

func (s onTtyScreen) Tty() (tcell.Tty, bool) { return s.tty, true }

// A write the terminal refuses, in a frame or outside one, reaches the screen
// as one error event, which ends tview's event loop (and the viewer).
func TestBatchTtyWriteErrorEndsTheViewer(t *testing.T) {
	for _, batch := range []bool{true, false} {
		sim := tcell.NewSimulationScreen("")
		if err := sim.Init(); err != nil {
			t.Fatal(err)
		}
		b := &batchTty{Tty: failingTty{}, batch: batch}
		f := newFrameScreen(onTtyScreen{SimulationScreen: sim, tty: b})
		f.Show() // finds the batch and tells it where errors go
		b.hold()
		b.Write([]byte("frame"))
		b.flush()
		if _, err := b.Write([]byte("more")); !errors.Is(err, syscall.EIO) {
			t.Errorf("batch %v: Write returned %v", batch, err)
		}
		sim.PostEvent(tcell.NewEventInterrupt(nil)) // the end of the events
		ev, ok := sim.PollEvent().(*tcell.EventError)
		if !ok || !strings.Contains(ev.Error(), "terminal: "+syscall.EIO.Error()) {
			t.Fatalf("batch %v: event %#v, want the write's error", batch, ev)
		}
		if ev, ok := sim.PollEvent().(*tcell.EventInterrupt); !ok {
			t.Errorf("batch %v: then %#v, want no second error", batch, ev)
		}
		sim.Fini()
	}
}
