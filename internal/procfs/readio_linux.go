package procfs

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/layer"
)

// classify maps the errors of a vanished process onto ErrGone, keeping the errno
// for errors.Is (EACCES and EPERM stay as they are: the field is unknown).
func classify(err error) error {
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ESRCH) {
		return errors.Join(ErrGone, err)
	}
	return err
}

// rawSyscall6 is how the reads of /proc files that never wait on anything but
// short kernel locks (opening, closing, stat, statm, listing) enter the
// kernel: unix.RawSyscall6 while the rawsys layer is on (see internal/layer),
// which skips the scheduler's entersyscall/exitsyscall, so that a call that
// outlasts 20 µs does not make sysmon hand the P to another thread and back
// thousands of times a pass; the ordinary path otherwise.
func rawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (uintptr, uintptr, unix.Errno) {
	if layer.On(layer.RawSys) {
		return unix.RawSyscall6(trap, a1, a2, a3, a4, a5, a6)
	}
	return unix.Syscall6(trap, a1, a2, a3, a4, a5, a6)
}

// openat opens a NUL-terminated path relative to dirfd without allocating,
// through rawSyscall6 like the stat reads.
func openat(dirfd int, path []byte, flags int) (int, error) {
	fd, _, e := rawSyscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(&path[0])),
		uintptr(flags), 0, 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

// closeFD closes a /proc descriptor (see openat for why it is raw).
func closeFD(fd int) {
	rawSyscall6(unix.SYS_CLOSE, uintptr(fd), 0, 0, 0, 0, 0)
}

// pread reads at offset 0. raw uses RawSyscall, which skips the scheduler's
// entersyscall/exitsyscall: right for stat and statm, which the kernel produces
// without blocking, and it keeps the runtime's sysmon from waking up thousands of
// times per tick. Files that can block (cmdline takes the target's mmap lock) must
// use raw=false.
func pread(fd int, b []byte, off int64, raw bool) (int, error) {
	var n uintptr
	var e unix.Errno
	if raw {
		n, _, e = rawSyscall6(unix.SYS_PREAD64, uintptr(fd), uintptr(unsafe.Pointer(&b[0])),
			uintptr(len(b)), uintptr(off), 0, 0)
	} else {
		n, _, e = unix.Syscall6(unix.SYS_PREAD64, uintptr(fd), uintptr(unsafe.Pointer(&b[0])),
			uintptr(len(b)), uintptr(off), 0, 0)
	}
	if e != 0 {
		return int(n), e
	}
	return int(n), nil
}

// readAll reads fd from offset 0 to its end into r.buf, growing it as needed.
// A read that returns less than it was offered is the end: the /proc files we
// read produce their whole text in one read when the buffer can hold it
// (single_open seq_files: stat, statm, status, io, cgroup; cmdline copies up to
// the end of argv), so the usual extra read that returns 0 is skipped — it
// would double the syscalls of a refresh.
func (r *Reader) readAll(fd int, raw bool) ([]byte, error) {
	return readWhole(fd, &r.buf, raw, &r.stats.Preads)
}

// readWhole is readAll with the buffer (grown in place as needed) and the count
// of reads given: for a Reader, and for a ProcDir that has no Reader.
func readWhole(fd int, buf *[]byte, raw bool, preads *uint64) ([]byte, error) {
	n := 0
	for {
		if n == len(*buf) {
			nb := make([]byte, 2*len(*buf))
			copy(nb, *buf)
			*buf = nb
		}
		want := len(*buf) - n
		*preads++
		m, err := pread(fd, (*buf)[n:], int64(n), raw)
		if err != nil {
			return nil, classify(err)
		}
		n += m
		if m < want {
			return (*buf)[:n], nil
		}
	}
}

// neverBlocks reports whether reading the /proc/PID file name never waits on
// anything but short kernel locks, so it may go through RawSyscall. cmdline and
// environ take the target's mmap lock: the scheduler-aware path for them.
func neverBlocks(name string) bool { return name != "cmdline" && name != "environ" }

// readKept returns the contents of the file f of /proc/PID, read through a
// kept descriptor. The descriptor is opened on first use while the budget lasts;
// past it the file is opened, read and closed. A kept descriptor that answers
// ESRCH belongs to a process that is gone: it is closed and the path is opened
// afresh once, because the PID may already belong to a new process (whose start
// time then tells the caller it is new).
func (r *Reader) readKept(pid int32, f keptFile) ([]byte, error) {
	name := keptNames[f]
	k := r.kept[pid]
	if k != nil {
		if fd := k.fd[f]; fd >= 0 {
			b, err := r.readAll(int(fd), true)
			if err == nil {
				return b, nil
			}
			if !errors.Is(err, ErrGone) {
				return nil, err
			}
			r.Forget(pid)
			k = nil
		}
	}
	fd, err := r.openAt(pid, 0, name, 0)
	if errors.Is(err, unix.EMFILE) && r.shrink() {
		fd, err = r.openAt(pid, 0, name, 0)
	}
	if err != nil {
		return nil, err
	}
	b, err := r.readAll(fd, true)
	if err != nil || r.nkept >= r.budget {
		closeFD(fd)
		if err == nil {
			r.stats.Fallback++
		}
		return b, err
	}
	if k == nil {
		k = newPIDFDs(r.sweep)
		r.kept[pid] = k
	}
	k.fd[f] = int32(fd)
	r.nkept++
	return b, nil
}

// shrink answers EMFILE: the budget was more than the process could open (other
// descriptors, another Reader). It lowers the budget below what is kept now and
// closes kept descriptors down to it, so that the open can be retried and later
// reads fall back to open/read/close. It reports whether it freed anything.
func (r *Reader) shrink() bool {
	if r.nkept == 0 {
		return false
	}
	r.budget = max(r.nkept-shrinkStep, 0)
	for pid := range r.kept {
		if r.nkept <= r.budget {
			break
		}
		r.Forget(pid)
	}
	return true
}

// shrinkStep is how many descriptors below the failing count shrink leaves free.
const shrinkStep = 256

// rewind seeks a directory descriptor back to its start.
//
// The listing of /proc (lseek, getdents) and the owner look-ups (fstatat) go
// through rawSyscall6 like the reads: none of them waits on anything but short
// kernel locks, and through the ordinary path each call could wake the
// runtime's sysmon, which then polls every 20 µs for as long as the tick runs.
func rewind(fd int) error {
	if _, _, e := rawSyscall6(unix.SYS_LSEEK, uintptr(fd), 0, 0, 0, 0, 0); e != 0 {
		return e
	}
	return nil
}

// getdents reads directory entries (see rewind for why it is raw).
func getdents(fd int, b []byte) (int, error) {
	n, _, e := rawSyscall6(unix.SYS_GETDENTS64, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), 0, 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}
