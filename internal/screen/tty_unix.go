//go:build unix

package screen

import (
	"bytes"
	"os"
	"strings"
	"sync"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/layer"
)

// Open opens the terminal (/dev/tty) for tcell through a batchTty.
func Open() (tcell.Screen, error) {
	tty, err := openTty()
	if err != nil {
		return nil, err
	}
	s, err := tcell.NewTerminfoScreenFromTty(newBatchTty(tty, os.Getenv("TERM")))
	if err != nil {
		tty.Close()
		return nil, err
	}
	return s, nil
}

// batchTty is the terminal under tcell. With the compact layer it collects
// what is written while a frame is shown, rewrites it shorter (compactFrame)
// and sends it in one write(2): the compactor needs the whole frame. It
// reports the first failed write (see write).
type batchTty struct {
	tcell.Tty
	mu      sync.Mutex
	holding bool
	buf     []byte
	batch   bool        // collect a frame's writes (compact needs it)
	failed  func(error) // called at the first failed write
	broken  bool        // a write failed
	// compact makes flush send a frame's bytes through compactFrame, into
	// out, with caps and the frame's blank tails (see frameScreen.blankTail).
	compact bool
	caps    termCaps
	tails   []int
	out     []byte
}

// newBatchTty wraps tty for a terminal of type term. The terminals known to
// move rows (shiftTerms) have CHA (ECMA-48's cursor horizontal absolute) but
// for the VT100s and the VT220, which lack it; bceTerms are those whose
// terminfo entries have bce (screen's and tmux's do not).
func newBatchTty(tty tcell.Tty, term string) *batchTty {
	cha := hasPrefix(term, shiftTerms) && !strings.HasPrefix(term, "vt")
	on := layer.On(layer.Compact)
	return &batchTty{Tty: tty, batch: on, compact: on, caps: termCaps{cha: cha, bce: hasPrefix(term, bceTerms)}}
}

var bceTerms = []string{"xterm", "linux"}

// hold starts collecting writes; flush sends them.
func (b *batchTty) hold() {
	b.mu.Lock()
	b.holding = b.batch
	b.mu.Unlock()
}

// flush writes what hold collected, in one write, and stops collecting.
func (b *batchTty) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.holding = false
	if len(b.buf) > 0 {
		syncFirst(b.buf)
		if b.compact {
			b.out = compactFrame(b.out[:0], b.buf, b.caps, b.tails)
			b.write(b.out)
		} else {
			b.write(b.buf)
		}
		b.buf = b.buf[:0]
	}
	b.tails = nil
}

// beginSync starts a synchronized update (DEC mode 2026), where tcell writes one.
const beginSync = "\x1b[?2026h"

// syncFirst moves the start of tcell's synchronized update to the start of the
// batch, in place, so that the rows moved before tcell's frame (shift.go) are
// in the update too: the terminal shows the moves and the new rows together.
func syncFirst(b []byte) {
	i := bytes.Index(b, []byte(beginSync))
	if i <= 0 {
		return
	}
	copy(b[len(beginSync):i+len(beginSync)], b[:i])
	copy(b, beginSync)
}

// setTails gives the next flush the blank tails of the frame being written.
func (b *batchTty) setTails(tails []int) {
	b.mu.Lock()
	b.tails = tails
	b.mu.Unlock()
}

func (b *batchTty) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.holding {
		b.buf = append(b.buf, p...)
		return len(p), nil
	}
	return b.write(p)
}

// write sends p to the terminal. tcell drops the errors of its writes, so a
// terminal that went away (the pane closed, the ssh connection cut) would be
// drawn on forever, unseen; the first error is handed to failed instead,
// which ends the viewer.
func (b *batchTty) write(p []byte) (int, error) {
	n, err := b.Tty.Write(p)
	if err != nil && !b.broken {
		b.broken = true
		if b.failed != nil {
			b.failed(err)
		}
	}
	return n, err
}

// onError sets what a failed write calls (once); see write.
func (b *batchTty) onError(f func(error)) {
	b.mu.Lock()
	b.failed = f
	b.mu.Unlock()
}
