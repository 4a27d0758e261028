//go:build unix

package ui

import (
	"sync"

	"github.com/gdamore/tcell/v2"
)

// openScreen opens the terminal (/dev/tty) for tcell through a batchTty.
func openScreen() (tcell.Screen, error) {
	tty, err := openTty()
	if err != nil {
		return nil, err
	}
	s, err := tcell.NewTerminfoScreenFromTty(&batchTty{Tty: tty})
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
	size    tcell.WindowSize // the last answer, when sized
	sized   bool
}

// WindowSize answers from the last answer while no resize was reported.
func (b *batchTty) WindowSize() (tcell.WindowSize, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sized {
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
	b.holding = true
	b.mu.Unlock()
}

// flush writes what hold collected, in one write, and stops collecting.
func (b *batchTty) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.holding = false
	if len(b.buf) > 0 {
		b.Tty.Write(b.buf)
		b.buf = b.buf[:0]
	}
}

func (b *batchTty) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.holding {
		b.buf = append(b.buf, p...)
		return len(p), nil
	}
	return b.Tty.Write(p)
}
