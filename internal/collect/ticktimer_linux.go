package collect

import (
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// newPollTimer is a timerfd that the runtime's network poller watches (see
// tickTimer for when it serves), calling fire at each expiry. It is armed and
// read with raw syscalls (the read inside RawConn.Read), which do not wake
// sysmon as the scheduler-aware path does. It returns nil if the kernel has no
// timerfd.
func newPollTimer(fire func()) *pollTimer {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil
	}
	f := os.NewFile(uintptr(fd), "timerfd") // non-blocking: the poller watches it
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil
	}
	done := make(chan struct{})
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
				fire()
			}
		}
	}()
	return &pollTimer{
		arm: func(d time.Duration) {
			spec := unix.ItimerSpec{Value: unix.NsecToTimespec(d.Nanoseconds())}
			unix.RawSyscall6(unix.SYS_TIMERFD_SETTIME, uintptr(fd), 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0)
		},
		stop: func() {
			f.Close() // wakes the reader with an error
			<-done
		},
	}
}
