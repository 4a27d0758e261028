package ui

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawOut is a non-blocking descriptor of the terminal that batchTty writes a
// frame through with a raw write(2), which the runtime's scheduler does not see
// (a write through an os.File woke its sysmon thread). A terminal that takes
// the bytes at once never blocks it; what it does not take is left to the
// ordinary blocking write.
type rawOut struct {
	fd int
	ok bool // fd is open: the zero rawOut writes nothing
}

func openRawOut(dev string) rawOut {
	fd, err := unix.Open(dev, unix.O_WRONLY|unix.O_NONBLOCK|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return rawOut{}
	}
	return rawOut{fd: fd, ok: true}
}

// write writes what the terminal takes without waiting and returns the rest.
func (o rawOut) write(b []byte) []byte {
	for len(b) > 0 && o.ok {
		n, _, e := unix.RawSyscall(unix.SYS_WRITE, uintptr(o.fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		if e == unix.EINTR {
			continue
		}
		if e != 0 || n == 0 {
			break
		}
		b = b[n:]
	}
	return b
}

func (o rawOut) close() {
	if o.ok {
		unix.Close(o.fd)
	}
}
