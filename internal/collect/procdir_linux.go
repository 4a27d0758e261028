package collect

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// procDir is /proc/PID opened as a directory, for the on-demand views. Every
// read is relative to its descriptor, so once the process has exited a read
// fails with ESRCH, even if the PID was given to another process meanwhile:
// what a view shows is the process's the user chose, or nothing.
type procDir struct {
	fd   int
	path string
}

// openProc opens /proc/PID under root and checks, through the descriptor, that
// the process there still has id's start time.
func openProc(root string, id ID) (*procDir, error) {
	path := filepath.Join(root, strconv.Itoa(int(id.PID)))
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ESRCH) {
			return nil, ErrExited
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	d := &procDir{fd: fd, path: path}
	b, err := d.read("stat")
	if err != nil {
		d.close()
		return nil, exited(err)
	}
	var st procfs.Stat
	if err := procfs.ParseStat(b, &st); err != nil {
		d.close()
		return nil, err
	}
	if id.Start != 0 && st.StartTime != id.Start {
		d.close()
		return nil, ErrExited
	}
	return d, nil
}

func (d *procDir) close() { unix.Close(d.fd) }

// alive reports whether the process is still there (its stat reads), to tell
// an ESRCH of a file that needs the process's memory (environ of a kernel
// thread or a zombie) from one of a process that has gone.
func (d *procDir) alive() bool {
	_, err := d.read("stat")
	return err == nil
}

// exited turns the errors of a read from a process that has gone into ErrExited.
func exited(err error) error {
	if errors.Is(err, unix.ESRCH) || errors.Is(err, unix.ENOENT) {
		return ErrExited
	}
	return err
}

// read reads the file name (relative to the process's directory) whole.
func (d *procDir) read(name string) ([]byte, error) {
	fd, err := unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, d.pathErr("open", name, err)
	}
	defer unix.Close(fd)
	b := make([]byte, 0, 4096)
	for {
		if len(b) == cap(b) {
			b = slices.Grow(b, cap(b))
		}
		n, err := unix.Read(fd, b[len(b):cap(b)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, d.pathErr("read", name, err)
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
	}
}

// readlink reads the symbolic link name (fd/3, cwd).
func (d *procDir) readlink(name string) (string, error) {
	for size := 256; ; size *= 2 {
		buf := make([]byte, size)
		n, err := unix.Readlinkat(d.fd, name, buf)
		if err != nil {
			return "", d.pathErr("readlink", name, err)
		}
		if n < size {
			return string(buf[:n]), nil
		}
	}
}

// stat stats what the link or file name leads to.
func (d *procDir) stat(name string) (unix.Stat_t, error) {
	var st unix.Stat_t
	if err := unix.Fstatat(d.fd, name, &st, 0); err != nil {
		return st, d.pathErr("stat", name, err)
	}
	return st, nil
}

// numbers lists the directory name (fd, task) as numbers, in order.
func (d *procDir) numbers(name string) ([]int, error) {
	fd, err := unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, d.pathErr("open", name, err)
	}
	f := os.NewFile(uintptr(fd), d.path+"/"+name)
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	out := make([]int, 0, len(names))
	for _, s := range names {
		if n, err := strconv.Atoi(s); err == nil {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (d *procDir) pathErr(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: d.path + "/" + name, Err: err}
}
