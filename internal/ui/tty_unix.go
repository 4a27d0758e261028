//go:build unix

package ui

import (
	"bytes"
	"os"
	"strings"
	"sync"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/layer"
)

// openScreen opens the terminal (/dev/tty) for tcell through a batchTty.
func openScreen() (tcell.Screen, error) {
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

// batchTty collects what is written to the terminal while a frame is shown and
// sends it in one write(2). tcell writes a frame in two (the frame, then the
// end of its synchronized update) and moving rows (shift.go) adds a third;
// each write woke the kernel worker that hands the bytes to the terminal,
// which then preempted the viewer: about three involuntary context switches a
// refresh, where one write makes one.
//
// It also answers tcell's size query, made at every Show, from the last
// answer until the terminal reports a resize: each ioctl through the ordinary
// path woke the runtime's sysmon from its sleep (see the collector's tick
// timer). On Linux the terminal under it (rawTty) writes with a raw write(2)
// for the same reason.
type batchTty struct {
	tcell.Tty
	mu      sync.Mutex
	holding bool
	buf     []byte
	batch   bool             // off: every write and size query goes through
	failed  func(error)      // called at the first failed write
	broken  bool             // a write failed
	size    tcell.WindowSize // the last answer, when sized
	sized   bool
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
	batch := layer.On(layer.Batch)
	return &batchTty{Tty: tty, batch: batch, compact: batch && layer.On(layer.Compact), caps: termCaps{cha: cha, bce: hasPrefix(term, bceTerms)}}
}

var bceTerms = []string{"xterm", "linux"}

// WindowSize answers from the last answer while no resize was reported.
func (b *batchTty) WindowSize() (tcell.WindowSize, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sized && b.batch {
		return b.size, nil
	}
	ws, err := b.Tty.WindowSize()
	if err == nil {
		b.size, b.sized = ws, true
	}
	return ws, err
}

// NotifyResize forgets the size before tcell hears of a resize.
func (b *batchTty) NotifyResize(cb func()) {
	if cb == nil {
		b.Tty.NotifyResize(nil)
		return
	}
	b.Tty.NotifyResize(func() {
		b.forgetSize()
		cb()
	})
}

// Start (again, after a suspend) asks for the size afresh.
func (b *batchTty) Start() error {
	b.forgetSize()
	return b.Tty.Start()
}

func (b *batchTty) forgetSize() {
	b.mu.Lock()
	b.sized = false
	b.mu.Unlock()
}

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
