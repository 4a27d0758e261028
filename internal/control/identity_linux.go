package control

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// errRefused marks a pidfd step that the kernel or a sandbox refused; the caller
// then takes the fallback path. It never reaches the package's callers.
var errRefused = errors.New("pidfd path refused")

// refused reports whether err from a pidfd step means "take the fallback":
// ENOSYS (kernel before 5.3), EPERM (a seccomp filter: pidfd_open itself checks no
// permission), EMFILE/ENFILE (no descriptor to spare), and EINVAL or, on newer
// kernels (seen on 6.18), ENOENT: the PID is a thread that does not lead its
// thread group, and pidfd_open takes only leaders.
func refused(err error) bool {
	for _, e := range []error{unix.ENOSYS, unix.EPERM, unix.EMFILE, unix.ENFILE, unix.EINVAL, unix.ENOENT} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// noFd reports whether err means the process ran out of file descriptors.
func noFd(err error) bool { return errors.Is(err, unix.EMFILE) || errors.Is(err, unix.ENFILE) }

// gone is the error for a PID that no longer names any process.
func gone(pid int) error { return fmt.Errorf("pid %d: %w", pid, ErrGone) }

// readStat reads and parses /proc/PID/stat and returns the raw bytes as well. A
// PID without a process gives ErrGone.
func readStat(pid int) (procfs.Stat, []byte, error) {
	var st procfs.Stat
	path := "/proc/" + strconv.Itoa(pid) + "/stat"
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, unix.ESRCH) {
		return st, nil, gone(pid)
	}
	if err != nil {
		return st, nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := procfs.ParseStat(b, &st); err != nil {
		return st, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return st, b, nil
}

// matchStart compares the start time read from /proc with the target's.
func matchStart(t Target, start uint64) error {
	if start != t.Start {
		return fmt.Errorf("pid %d started at tick %d, the target at tick %d: %w",
			t.PID, start, t.Start, ErrReused)
	}
	return nil
}

// checkStat reads t's stat and checks its start time, without pinning: the
// fallback's identity check.
func checkStat(t Target) (procfs.Stat, []byte, error) {
	st, b, err := readStat(t.PID)
	if err == nil {
		err = matchStart(t, st.StartTime)
	}
	return st, b, err
}

// pin opens a pidfd on t.PID and proves that the process behind it is t. The
// caller closes the fd. A refusal wraps errRefused.
func pin(t Target) (int, error) {
	fd, err := unix.PidfdOpen(t.PID, 0)
	switch {
	case errors.Is(err, unix.ESRCH):
		return -1, gone(t.PID)
	case err != nil && refused(err):
		return -1, fmt.Errorf("pidfd_open(%d): %w: %w", t.PID, errRefused, err)
	case err != nil:
		return -1, fmt.Errorf("pidfd_open(%d): %w", t.PID, err)
	}
	if err := verify(fd, t); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// verify reads t's stat after fd was opened, then shows with signal 0 through fd
// that the process had not been reaped by the end of the read. Only a reaped
// process's PID can be reused, so the read saw the pinned process, and its start
// time decides.
func verify(fd int, t Target) error {
	st, _, err := readStat(t.PID)
	if noFd(err) {
		return fmt.Errorf("%w: %w", errRefused, err)
	}
	if err != nil {
		return err
	}
	if err := alive(fd, t.PID); err != nil {
		return err
	}
	return matchStart(t, st.StartTime)
}

// alive sends signal 0 through fd. EPERM proves that the process exists: the
// kernel finds the task before it checks permission.
func alive(fd, pid int) error {
	err := unix.PidfdSendSignal(fd, 0, nil, 0)
	switch {
	case err == nil, errors.Is(err, unix.EPERM):
		return nil
	case errors.Is(err, unix.ESRCH):
		return fmt.Errorf("pid %d exited while being checked: %w", pid, ErrGone)
	}
	return fmt.Errorf("pidfd_send_signal(%d, 0): %w", pid, err)
}
