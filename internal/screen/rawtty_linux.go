package screen

import (
	"errors"
	"io"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/layer"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// rawTty is the terminal for tcell on Linux, in place of tcell's devTty, for
// the idle cost. devTty reads through an os.File, which the runtime's network
// poller watches for input and for room to write alike: each time the
// terminal took a frame, the poller's thread woke for the room to write that
// nobody waited for, one of the idle viewer's three voluntary context switches
// a refresh. rawTty keeps its descriptor out of the poller: a reading
// goroutine waits in poll(2) on the terminal and on an eventfd that Drain
// signals, on a thread of its own that sleeps until a key comes.
type rawTty struct {
	dev   string
	fd    int // the terminal, non-blocking, not in the runtime's poller
	wake  int // eventfd: readable once Drain was called, until Start
	saved *term.State
	drain atomic.Bool

	mu    sync.Mutex
	cb    func() // NotifyResize's
	sig   chan os.Signal
	stopQ chan struct{}
	wg    sync.WaitGroup
}

// newRawTty opens dev (normally /dev/tty).
func newRawTty(dev string) (*rawTty, error) {
	fd, err := unix.Open(dev, unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dev, Err: err}
	}
	if !term.IsTerminal(fd) {
		unix.Close(fd)
		return nil, errors.New(dev + " is not a terminal")
	}
	wake, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		unix.Close(fd)
		return nil, os.NewSyscallError("eventfd", err)
	}
	return &rawTty{dev: dev, fd: fd, wake: wake, sig: make(chan os.Signal, 1)}, nil
}

// Start puts the terminal in raw mode and starts passing on its resizes.
func (t *rawTty) Start() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var n uint64
	unix.Read(t.wake, (*[8]byte)(unsafe.Pointer(&n))[:]) // forget an earlier Drain
	t.drain.Store(false)
	saved, err := term.MakeRaw(t.fd)
	if err != nil {
		return err
	}
	t.saved = saved
	t.stopQ = make(chan struct{})
	t.wg.Add(1)
	go func(stopQ chan struct{}) {
		defer t.wg.Done()
		for {
			select {
			case <-t.sig:
				t.mu.Lock()
				cb := t.cb
				t.mu.Unlock()
				if cb != nil {
					cb()
				}
			case <-stopQ:
				return
			}
		}
	}(t.stopQ)
	signal.Notify(t.sig, syscall.SIGWINCH)
	return nil
}

// Read waits for input, or for Drain: then it returns 0 bytes, and tcell's
// input loop, whose stop channel is closed by then, ends.
func (t *rawTty) Read(b []byte) (int, error) {
	for {
		if t.drain.Load() {
			return 0, nil
		}
		fds := []unix.PollFd{{Fd: int32(t.fd), Events: unix.POLLIN}, {Fd: int32(t.wake), Events: unix.POLLIN}}
		if _, err := unix.Poll(fds, -1); err != nil {
			if err == unix.EINTR {
				continue
			}
			return 0, os.NewSyscallError("poll", err)
		}
		if fds[1].Revents != 0 {
			continue // Drain: see the top
		}
		if fds[0].Revents == 0 {
			continue
		}
		n, err := unix.Read(t.fd, b)
		switch {
		case err == unix.EINTR || err == unix.EAGAIN:
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: t.dev, Err: err}
		case n == 0:
			return 0, io.EOF // hung up
		}
		return n, nil
	}
}

// Write writes all of b. It writes what the terminal takes at once with a raw
// write(2), which the runtime's scheduler does not see (a write through the
// scheduler-aware path woke its sysmon thread at each frame), and waits in
// poll(2) for room only when the terminal is full.
func (t *rawTty) Write(b []byte) (int, error) {
	done := 0
	for {
		rest, err := t.writeRaw(b[done:])
		done = len(b) - len(rest)
		if len(rest) == 0 || err != unix.EAGAIN {
			if err != nil {
				return done, &os.PathError{Op: "write", Path: t.dev, Err: err}
			}
			return done, nil
		}
		fds := []unix.PollFd{{Fd: int32(t.fd), Events: unix.POLLOUT}}
		if _, err := unix.Poll(fds, -1); err != nil && err != unix.EINTR {
			return done, os.NewSyscallError("poll", err)
		}
	}
}

// writeRaw writes what the terminal takes without waiting (the descriptor is
// non-blocking) and returns the rest, with EAGAIN if the terminal was full.
func (t *rawTty) writeRaw(b []byte) ([]byte, error) {
	for len(b) > 0 {
		n, _, e := unix.RawSyscall(unix.SYS_WRITE, uintptr(t.fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		switch {
		case e == unix.EINTR:
			continue
		case e != 0:
			return b, e
		case n == 0:
			return b, unix.EAGAIN
		}
		b = b[n:]
	}
	return b, nil
}

// Drain makes a waiting Read return.
func (t *rawTty) Drain() error {
	t.drain.Store(true)
	one := uint64(1)
	_, err := unix.Write(t.wake, (*[8]byte)(unsafe.Pointer(&one))[:])
	if err == unix.EAGAIN {
		err = nil // already signalled
	}
	return err
}

// Stop restores the terminal's mode and stops passing on resizes.
func (t *rawTty) Stop() error {
	t.Drain()
	t.mu.Lock()
	var err error
	if t.saved != nil {
		err = term.Restore(t.fd, t.saved)
	}
	signal.Stop(t.sig)
	if t.stopQ != nil {
		close(t.stopQ)
		t.stopQ = nil
	}
	t.mu.Unlock()
	t.wg.Wait()
	return err
}

// Close closes the descriptors.
func (t *rawTty) Close() error {
	unix.Close(t.wake)
	return unix.Close(t.fd)
}

// WindowSize asks the terminal its size, as tcell's devTty does (COLUMNS and
// LINES stand in for a terminal that says 0).
func (t *rawTty) WindowSize() (tcell.WindowSize, error) {
	ws, err := unix.IoctlGetWinsize(t.fd, unix.TIOCGWINSZ)
	if err != nil {
		return tcell.WindowSize{}, err
	}
	w, h := int(ws.Col), int(ws.Row)
	if w == 0 {
		w, _ = strconv.Atoi(os.Getenv("COLUMNS"))
	}
	if w == 0 {
		w = 80
	}
	if h == 0 {
		h, _ = strconv.Atoi(os.Getenv("LINES"))
	}
	if h == 0 {
		h = 25
	}
	return tcell.WindowSize{Width: w, Height: h, PixelWidth: int(ws.Xpixel), PixelHeight: int(ws.Ypixel)}, nil
}

// NotifyResize sets what a resize calls (nil: nothing).
func (t *rawTty) NotifyResize(cb func()) {
	t.mu.Lock()
	t.cb = cb
	t.mu.Unlock()
}

// openTty opens the terminal tcell draws on.
func openTty() (tcell.Tty, error) {
	if !layer.On(layer.RawTTY) {
		return tcell.NewDevTty()
	}
	return newRawTty("/dev/tty")
}
