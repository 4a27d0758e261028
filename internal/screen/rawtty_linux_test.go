package screen

import (
	"bytes"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// openPty opens a pseudo-terminal pair and returns the master's descriptor and
// the slave's path; the master is closed at the end of the test.
func openPty(t *testing.T) (int, string) {
	t.Helper()
	m, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { unix.Close(m) })
	unlock := 0
	if _, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(m), unix.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatalf("unlockpt: %v", e)
	}
	n, err := unix.IoctlGetInt(m, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("ptsname: %v", err)
	}
	return m, "/dev/pts/" + strconv.Itoa(n)
}

// readMaster reads from the master until it has want bytes or a second passed.
func readMaster(t *testing.T, m int, want int) []byte {
	t.Helper()
	var got []byte
	buf := make([]byte, 4096)
	deadline := time.Now().Add(time.Second)
	for len(got) < want && time.Now().Before(deadline) {
		fds := []unix.PollFd{{Fd: int32(m), Events: unix.POLLIN}}
		if n, _ := unix.Poll(fds, 100); n == 0 {
			continue
		}
		n, err := unix.Read(m, buf)
		if err != nil {
			t.Fatalf("read master: %v", err)
		}
		got = append(got, buf[:n]...)
	}
	return got
}

// rawTty on a pseudo-terminal: raw mode while started and the old mode back
// after Stop; input read; a Read that waits returns at Drain; output and the
// size pass through; and it starts again after a stop (a suspend).
func TestRawTty(t *testing.T) {
	m, slave := openPty(t)
	if err := unix.IoctlSetWinsize(m, unix.TIOCSWINSZ, &unix.Winsize{Row: 33, Col: 101}); err != nil {
		t.Fatal(err)
	}
	tty, err := newRawTty(slave)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	canon := func() bool {
		tio, err := unix.IoctlGetTermios(tty.fd, unix.TCGETS)
		if err != nil {
			t.Fatal(err)
		}
		return tio.Lflag&unix.ICANON != 0
	}
	if !canon() {
		t.Fatal("a fresh pty is not in canonical mode")
	}
	for round := range 2 {
		if err := tty.Start(); err != nil {
			t.Fatal(err)
		}
		if canon() {
			t.Fatalf("round %d: canonical mode after Start", round)
		}
		if ws, err := tty.WindowSize(); err != nil || ws.Width != 101 || ws.Height != 33 {
			t.Errorf("round %d: size %+v, %v; want 101x33", round, ws, err)
		}

		unix.Write(m, []byte("q\x1b[A"))
		buf := make([]byte, 128)
		n, err := tty.Read(buf)
		if err != nil || string(buf[:n]) != "q\x1b[A" {
			t.Errorf("round %d: read %q, %v", round, buf[:n], err)
		}

		if _, err := tty.Write([]byte("frame")); err != nil {
			t.Fatal(err)
		}
		if got := readMaster(t, m, 5); !bytes.Equal(got, []byte("frame")) {
			t.Errorf("round %d: the master read %q", round, got)
		}

		// A Read waiting for input returns at Drain, with nothing.
		done := make(chan int, 1)
		go func() {
			n, _ := tty.Read(buf)
			done <- n
		}()
		time.Sleep(50 * time.Millisecond)
		select {
		case n := <-done:
			t.Fatalf("round %d: Read returned %d bytes with no input", round, n)
		default:
		}
		tty.Drain()
		select {
		case n := <-done:
			if n != 0 {
				t.Errorf("round %d: Read after Drain: %d bytes", round, n)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d: Read still waits after Drain", round)
		}
		if err := tty.Stop(); err != nil {
			t.Fatal(err)
		}
		if !canon() {
			t.Fatalf("round %d: the mode was not restored", round)
		}
	}
}

// rawTty's raw write takes what the terminal takes and, when the terminal
// takes no more (nobody reads the master), returns the rest at once instead of
// waiting; Write then waits for room and loses nothing.
func TestRawTtyWrite(t *testing.T) {
	m, slave := openPty(t)
	// In raw mode, so the master reads exactly what was written.
	tty, err := newRawTty(slave)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	if err := tty.Start(); err != nil {
		t.Fatal(err)
	}
	defer tty.Stop()
	if rest, err := tty.writeRaw([]byte("hello")); len(rest) != 0 || err != nil {
		t.Fatalf("rest %q, %v", rest, err)
	}
	if got := readMaster(t, m, 5); string(got) != "hello" {
		t.Fatalf("the master read %q", got)
	}

	big := bytes.Repeat([]byte("y"), 1<<20) // more than a pty buffers
	raw := make(chan []byte, 1)
	go func() {
		rest, _ := tty.writeRaw(big)
		raw <- rest
	}()
	var took int
	select {
	case rest := <-raw:
		if len(rest) == 0 || len(rest) == len(big) {
			t.Errorf("a full terminal took %d of %d bytes", len(big)-len(rest), len(big))
		}
		took = len(big) - len(rest)
	case <-time.After(5 * time.Second):
		t.Fatal("the raw write waited for a full terminal")
	}
	if got := readMaster(t, m, took); len(got) != took {
		t.Fatalf("the master read %d bytes of the %d taken", len(got), took)
	}

	// Write waits for room while the terminal is full, then sends it all.
	done := make(chan int, 1)
	go func() {
		n, _ := tty.Write(big)
		done <- n
	}()
	time.Sleep(100 * time.Millisecond) // the pty fills up
	select {
	case n := <-done:
		t.Fatalf("Write returned %d bytes before the terminal took them", n)
	default:
	}
	got := readMaster(t, m, len(big))
	if n := <-done; n != len(big) || len(got) != len(big) {
		t.Errorf("Write returned %d, the master read %d, of %d", n, len(got), len(big))
	}
}
