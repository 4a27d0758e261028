package collect

import (
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// newTickTimer is a tickTimer on a timerfd that the runtime's network poller
// watches, rather than on a runtime timer. It is for the idle cost: the
// runtime's sysmon thread sleeps until the next runtime timer, so a runtime
// timer for the tick woke it once a tick, and it then slept 10 ms more before
// going back to its long sleep: two of the idle viewer's ~4 voluntary context
// switches a second. The poller's thread wakes for the timerfd as it would for
// the timer, and sysmon sleeps on, provided the tick itself does not wake it
// (no scheduler-aware syscall: the /proc reads and the terminal write are
// raw). It falls back to the runtime's timers if the kernel has no timerfd.
func newTickTimer() *tickTimer {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return newGoTimer()
	}
	f := os.NewFile(uintptr(fd), "timerfd") // non-blocking: the poller watches it
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return newGoTimer()
	}
	t := &tickTimer{c: make(chan struct{}, 1)}
	done := make(chan struct{})
	t.arm = func(d time.Duration) {
		spec := unix.ItimerSpec{Value: unix.NsecToTimespec(d.Nanoseconds())}
		unix.RawSyscall6(unix.SYS_TIMERFD_SETTIME, uintptr(fd), 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0)
	}
	t.stop = func() {
		f.Close() // wakes the reader below with an error
		<-done
	}
	go func() {
		defer close(done)
		var n uint64 // expirations
		for {
			var e unix.Errno
			err := rc.Read(func(fd uintptr) bool {
				_, _, e = unix.RawSyscall(unix.SYS_READ, fd, uintptr(unsafe.Pointer(&n)), 8)
				return e != unix.EAGAIN
			})
			if err != nil {
				return // closed
			}
			if e == 0 {
				t.fire()
			}
		}
	}()
	return t
}
