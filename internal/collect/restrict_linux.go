package collect

import (
	"errors"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// viewer is who reads /proc, as far as hidepid cares: the kernel shows a
// process another's /proc/PID when it may ptrace it (the same user, or
// CAP_SYS_PTRACE) or belongs to the mount's gid= group.
type viewer struct {
	groups []int // the effective group and the supplementary ones
	ptrace bool  // CAP_SYS_PTRACE is in the effective set
}

// currentViewer is this process as a viewer.
func currentViewer() viewer {
	v := viewer{groups: []int{os.Getegid()}}
	if g, err := os.Getgroups(); err == nil {
		v.groups = append(v.groups, g...)
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if unix.Capget(&hdr, &data[0]) == nil {
		v.ptrace = data[unix.CAP_SYS_PTRACE/32].Effective&(1<<(unix.CAP_SYS_PTRACE%32)) != 0
	}
	return v
}

// restrictedView reports whether the proc file system at r's root shows this
// process only some of the machine's processes (hidepid): then the counters
// of the whole system (procs_running, loadavg's tasks) speak of processes the
// view lacks, and the header must not claim them. Either is enough:
//   - PID 1, which every PID namespace has while it lives, is not listed or
//     its stat is not readable: the kernel hides it from us;
//   - the mount's options hide other users' processes (hidepid=1, 2 or 4)
//     and we are not exempt (gid= group, CAP_SYS_PTRACE): the first test
//     misses this where PID 1 is our own user's (a container's init).
//
// The mount is found in root/self/mountinfo, so a /proc of another PID
// namespace (no self for us) is judged by PID 1 alone. It is decided once,
// when the source is made: a remount is not followed.
func (s *linuxSource) restrictedView() bool {
	if _, err := s.r.ReadFile(1, "stat"); errors.Is(err, procfs.ErrGone) || errors.Is(err, os.ErrPermission) {
		return true
	}
	// Not through the Reader: its buffer would keep the size of a mount table
	// (thousands of lines on a container host) for good.
	b, err := os.ReadFile(filepath.Join(s.r.Root(), "self", "mountinfo"))
	if err != nil {
		return false
	}
	return hidesFrom(b, s.r.Root(), currentViewer())
}

// hidesFrom reports whether the proc mount at root, as mountinfo lists it,
// hides other users' processes from v. The last mount at root's path is the
// one in effect; a root that is no mount point in it hides nothing we can
// tell. Malformed lines are no evidence either way.
func hidesFrom(mountinfo []byte, root string, v viewer) bool {
	mounts, err := procfs.ParseMountInfo(mountinfo)
	if err != nil {
		return false
	}
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	for i := len(mounts) - 1; i >= 0; i-- {
		m := mounts[i]
		if m.MountPoint != root {
			continue
		}
		if m.FSType != "proc" {
			return false
		}
		hides, gid := procfs.HidesPIDs(m.SuperOptions)
		exempt := v.ptrace || gid >= 0 && slices.Contains(v.groups, int(gid))
		return hides && !exempt
	}
	return false
}
