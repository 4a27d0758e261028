package collect

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// ReadLocks lists the locks the process holds or waits for: the lines of
// /proc/locks with its PID, and those its descriptors' fdinfo names (which
// include open file description locks and flocks it inherited). Each gets the
// path of the descriptor that opened the locked file, where one does.
func ReadLocks(id ID) (FileLocks, error) {
	var fl FileLocks
	d, err := openProc("/proc", id)
	if err != nil {
		return fl, err
	}
	defer d.close()
	b, err := os.ReadFile("/proc/locks")
	if err != nil {
		return fl, fmt.Errorf("read /proc/locks: %w", err)
	}
	all, err := procfs.ParseLocks(b)
	if err != nil {
		return fl, err
	}
	// Another user's descriptors are closed to us without privilege: its
	// locks are still listed, by device and inode.
	fds, err := d.numbers("fd")
	if errors.Is(err, unix.ESRCH) || errors.Is(err, unix.ENOENT) {
		return fl, ErrExited
	}
	if err != nil {
		fl.Problems = append(fl.Problems, "paths of the locked files: "+errText(err))
	}
	type fileKey struct {
		major, minor uint32
		ino          uint64
	}
	type named struct {
		fd   int
		path string
	}
	files := map[fileKey]named{}
	var out []FileLock
	seen := map[procfs.Lock]bool{}
	add := func(l procfs.Lock) {
		k := l
		k.ID, k.Blocked = 0, false
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, FileLock{Class: l.Class, Mode: l.Mode, Access: l.Access, Blocked: l.Blocked,
			Start: l.Start, End: l.End, ToEOF: l.ToEOF, FD: -1, Major: l.Major, Minor: l.Minor,
			Inode: l.Inode, Owner: l.PID})
	}
	for _, l := range all {
		if l.PID == int64(id.PID) {
			add(l)
		}
	}
	for _, fd := range fds {
		name := strconv.Itoa(fd)
		if st, err := d.stat("fd/" + name); err == nil {
			k := fileKey{unix.Major(st.Dev), unix.Minor(st.Dev), st.Ino}
			if _, ok := files[k]; !ok {
				target, _ := d.readlink("fd/" + name)
				files[k] = named{fd, target}
			}
		}
		if b, err := d.read("fdinfo/" + name); err == nil {
			if fi, err := procfs.ParseFDInfo(b); err == nil {
				for _, l := range fi.Locks {
					add(l)
				}
			}
		}
	}
	for i := range out {
		l := &out[i]
		if n, ok := files[fileKey{l.Major, l.Minor, l.Inode}]; ok {
			l.FD, l.Path = n.fd, n.path
		}
	}
	fl.Locks = out
	return fl, nil
}
