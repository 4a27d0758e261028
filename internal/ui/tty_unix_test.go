//go:build unix

package ui

import (
	"bytes"
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
	b := &batchTty{Tty: w}
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
