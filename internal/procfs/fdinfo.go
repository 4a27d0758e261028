package procfs

import (
	"fmt"
	"strconv"
	"strings"
)

// FDInfo is /proc/PID/fdinfo/FD: the state of one open file description.
type FDInfo struct {
	Pos   int64  // file offset in bytes (pos)
	Flags uint32 // open(2) flags (flags, octal in the file)
	MntID int64  // mount ID, as in mountinfo (mnt_id); -1 if absent
	Ino   uint64 // inode number (ino, Linux 5.14+); 0 if absent
	// Locks are the locks taken through this open file ("lock:" lines, in
	// /proc/locks' format): they name the fd of a lock /proc/locks lists only
	// by inode, and show open file description locks, which have no PID.
	Locks []Lock
}

// Access is how a file was opened: the O_ACCMODE bits of the flags.
type Access uint8

// The access modes, as O_RDONLY, O_WRONLY and O_RDWR number them.
const (
	AccessRead Access = iota
	AccessWrite
	AccessReadWrite
	AccessOther // 3: no read or write (some ioctl-only opens)
)

// Access is the file's access mode.
func (f *FDInfo) Access() Access { return Access(f.Flags & 3) }

// ParseFDInfo parses fdinfo's "key:\tvalue" lines; lines after the first three
// (eventfd counts, epoll targets, inotify watches, …) are passed over. pos and
// flags must be there.
func ParseFDInfo(b []byte) (FDInfo, error) {
	fi := FDInfo{MntID: -1}
	var seen int
	for line := range strings.Lines(string(b)) {
		key, val, ok := strings.Cut(strings.TrimSuffix(line, "\n"), ":")
		if !ok {
			continue
		}
		if key == "lock" {
			if l, ok := parseLockLine(val); ok {
				fi.Locks = append(fi.Locks, l)
			}
			continue
		}
		val = strings.TrimSpace(val)
		var err error
		switch key {
		case "pos":
			fi.Pos, err = strconv.ParseInt(val, 10, 64)
			seen |= 1
		case "flags":
			var v uint64
			v, err = strconv.ParseUint(val, 8, 32)
			fi.Flags = uint32(v)
			seen |= 2
		case "mnt_id":
			fi.MntID, err = strconv.ParseInt(val, 10, 64)
		case "ino":
			fi.Ino, err = strconv.ParseUint(val, 10, 64)
		}
		if err != nil {
			return FDInfo{MntID: -1}, fmt.Errorf("fdinfo %q: %w", key, ErrMalformed)
		}
	}
	if seen != 3 {
		return FDInfo{MntID: -1}, fmt.Errorf("fdinfo without pos and flags: %w", ErrMalformed)
	}
	return fi, nil
}
