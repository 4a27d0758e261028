package procfs

import (
	"fmt"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// keptFile names a /proc/PID file a Reader may keep open across ticks.
type keptFile uint8

const (
	keptStat      keptFile = iota // /proc/PID/stat
	keptStatm                     // /proc/PID/statm
	keptSchedstat                 // /proc/PID/schedstat
	keptIO                        // /proc/PID/io
	nKept
)

var keptNames = [nKept]string{"stat", "statm", "schedstat", "io"}

// pidFDs are the descriptors kept open for one process across ticks.
type pidFDs struct {
	fd   [nKept]int32 // by keptFile; -1 when not kept
	seen uint32
}

// newPIDFDs is a pidFDs that keeps nothing yet.
func newPIDFDs(seen uint32) *pidFDs { return &pidFDs{fd: [nKept]int32{-1, -1, -1, -1}, seen: seen} }

// Reader is the grouped per-process reader: it lists /proc with getdents, keeps
// /proc/PID/stat (and statm) open across ticks and re-reads them with pread at
// offset 0, and reads the rarer files relative to the /proc directory descriptor
// into one reused buffer. A kept descriptor of a process that has exited returns
// ESRCH, never another process's data, so PID reuse cannot go unnoticed.
//
// A Reader is owned by one goroutine.
type Reader struct {
	root   string
	rootFD int
	budget int
	buf    []byte // file contents, reused
	dents  []byte // getdents buffer, reused
	path   []byte // "PID/name\x00" scratch, reused
	kept   map[int32]*pidFDs
	sweep  uint32 // mark for the current listing
	nkept  int    // descriptors in kept
	stats  Stats
}

// NewReader opens the proc root.
func NewReader(cfg ReaderConfig) (*Reader, error) {
	root := cfg.Root
	if root == "" {
		root = "/proc"
	}
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", root, err)
	}
	return &Reader{
		root:   root,
		rootFD: fd,
		budget: cfg.FDBudget,
		buf:    make([]byte, 4096),
		dents:  make([]byte, 64<<10),
		path:   make([]byte, 0, 64),
		kept:   make(map[int32]*pidFDs),
	}, nil
}

// Root is the proc root this Reader reads.
func (r *Reader) Root() string { return r.root }

// Stats reports the Reader's counters.
func (r *Reader) Stats() Stats {
	s := r.stats
	s.KeptFDs = r.nkept
	return s
}

// Close closes every kept descriptor and the root.
func (r *Reader) Close() error {
	for pid := range r.kept {
		r.Forget(pid)
	}
	if r.rootFD >= 0 {
		closeFD(r.rootFD)
		r.rootFD = -1
	}
	return nil
}

// ListPIDs appends the PID of every process in /proc to dst (one getdents pass)
// and marks them, so that Sweep can later close what belongs to PIDs not listed.
func (r *Reader) ListPIDs(dst []int32) ([]int32, error) {
	r.sweep++
	r.stats.Listings++
	if err := rewind(r.rootFD); err != nil {
		return dst, fmt.Errorf("rewind %s: %w", r.root, err)
	}
	n0 := len(dst)
	dst, err := r.listDir(r.rootFD, dst)
	for _, pid := range dst[n0:] {
		if k := r.kept[pid]; k != nil {
			k.seen = r.sweep
		}
	}
	return dst, err
}

// EachPID calls fn with the PIDs of /proc in the kernel's order (ascending) until
// fn returns false or the listing ends. It reads the directory in small steps,
// so a caller that stops early has not listed the rest: what a first look at a
// large machine needs (see collect.Config.FirstRows). It marks nothing for
// Sweep.
func (r *Reader) EachPID(fn func(pid int32) bool) error {
	if err := rewind(r.rootFD); err != nil {
		return fmt.Errorf("rewind %s: %w", r.root, err)
	}
	var dents [2048]byte // about 80 entries a step
	var pids []int32
	for {
		n, err := getdents(r.rootFD, dents[:])
		if err != nil {
			return fmt.Errorf("getdents: %w", classify(err))
		}
		if n <= 0 {
			return nil
		}
		pids = appendDirentPIDs(dents[:n], pids[:0])
		for _, pid := range pids {
			if !fn(pid) {
				return nil
			}
		}
	}
}

// Relist marks pids as listed, as ListPIDs would have, without reading /proc:
// for a tick that knows no process was created since the last listing (pids is
// that listing, less what has gone since).
func (r *Reader) Relist(pids []int32) {
	r.sweep++
	r.stats.Relists++
	for _, pid := range pids {
		if k := r.kept[pid]; k != nil {
			k.seen = r.sweep
		}
	}
}

// GrowFDTable makes the process's descriptor table hold descriptor numbers up to
// n at least, in one step, by duplicating a descriptor to the lowest free number
// from n on and closing it. Left to itself the kernel grows the table as the
// kept descriptors come, doubling it each time, and in a process with several
// threads each growth waits for an RCU grace period (expand_fdtable's
// synchronize_rcu when threads share the table): one wait instead of a dozen.
// The wait goes through the scheduler-aware syscall path so another goroutine
// can run meanwhile. It never replaces an open descriptor (F_DUPFD, not dup2).
func (r *Reader) GrowFDTable(n int) error {
	fd, err := unix.FcntlInt(uintptr(r.rootFD), unix.F_DUPFD_CLOEXEC, n)
	if err != nil {
		return fmt.Errorf("grow the descriptor table to %d: %w", n, err)
	}
	closeFD(fd)
	return nil
}

// Budget is how many descriptors r may keep.
func (r *Reader) Budget() int { return r.budget }

// Sweep closes the kept descriptors of every PID the last ListPIDs did not list.
func (r *Reader) Sweep() {
	for pid, k := range r.kept {
		if k.seen != r.sweep {
			r.Forget(pid)
		}
	}
}

// ListTasks appends the thread IDs in /proc/PID/task to dst.
func (r *Reader) ListTasks(pid int32, dst []int32) ([]int32, error) {
	fd, err := r.openAt(pid, 0, "task", unix.O_DIRECTORY)
	if err != nil {
		return dst, err
	}
	defer closeFD(fd)
	return r.listDir(fd, dst)
}

// listDir reads a directory with getdents64 and appends every all-digit name.
func (r *Reader) listDir(fd int, dst []int32) ([]int32, error) {
	for {
		n, err := getdents(fd, r.dents)
		if err != nil {
			return dst, fmt.Errorf("getdents: %w", classify(err))
		}
		if n <= 0 {
			return dst, nil
		}
		dst = appendDirentPIDs(r.dents[:n], dst)
	}
}

// appendDirentPIDs decodes linux_dirent64 records and appends the numeric names.
func appendDirentPIDs(b []byte, dst []int32) []int32 {
	const nameOff = 19 // d_ino(8) d_off(8) d_reclen(2) d_type(1)
	for len(b) >= nameOff {
		reclen := int(*(*uint16)(unsafe.Pointer(&b[16])))
		if reclen < nameOff || reclen > len(b) {
			break
		}
		name := b[nameOff:reclen]
		v, n := uint64(0), 0
		for n < len(name) && name[n] >= '0' && name[n] <= '9' && v < 1<<31 {
			v = v*10 + uint64(name[n]-'0')
			n++
		}
		if n > 0 && (n == len(name) || name[n] == 0) && v > 0 && v < 1<<31 {
			dst = append(dst, int32(v))
		}
		b = b[reclen:]
	}
	return dst
}

// ReadStat reads /proc/PID/stat into s, through a kept descriptor when the budget
// allows.
func (r *Reader) ReadStat(pid int32, s *Stat) error {
	b, err := r.readKept(pid, keptStat)
	if err != nil {
		return fmt.Errorf("read /proc/%d/stat: %w", pid, err)
	}
	if err := ParseStat(b, s); err != nil {
		return fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return nil
}

// ReadStatm reads /proc/PID/statm into m, through a kept descriptor when the
// budget allows.
func (r *Reader) ReadStatm(pid int32, m *Statm) error {
	b, err := r.readKept(pid, keptStatm)
	if err != nil {
		return fmt.Errorf("read /proc/%d/statm: %w", pid, err)
	}
	if err := ParseStatm(b, m); err != nil {
		return fmt.Errorf("/proc/%d/statm: %w", pid, err)
	}
	return nil
}

// ReadSchedstat reads /proc/PID/schedstat into s, through a kept descriptor
// when the budget allows. It costs about half a stat read (the kernel prints
// three numbers of the task instead of gathering 52 fields over its threads;
// the system call around either costs the rest).
//
// same reports that the read went through a descriptor kept from an earlier
// read, and so is of the process that was PID then: a kept descriptor stays
// bound to its process, while a path opened now may name a new one.
//
// When the budget is spent, a schedstat descriptor takes the place of the
// process's own kept stat descriptor: the caller reads schedstat every tick
// and stat only for the processes that ran.
func (r *Reader) ReadSchedstat(pid int32, s *Schedstat) (same bool, err error) {
	k := r.kept[pid]
	same = k != nil && k.fd[keptSchedstat] >= 0
	if !same && k != nil && k.fd[keptStat] >= 0 && r.nkept >= r.budget {
		r.forgetFile(pid, keptStat)
	}
	b, err := r.readKept(pid, keptSchedstat)
	if err != nil {
		return false, fmt.Errorf("read /proc/%d/schedstat: %w", pid, err)
	}
	if same && r.kept[pid] != k {
		same = false // the kept one answered ESRCH; the path was opened afresh
	}
	if err := ParseSchedstat(b, s); err != nil {
		return false, fmt.Errorf("/proc/%d/schedstat: %w", pid, err)
	}
	return same, nil
}

// ReadTaskStat reads /proc/PID/task/TID/stat into s (open, read, close).
func (r *Reader) ReadTaskStat(pid, tid int32, s *Stat) error {
	fd, err := r.openAt(pid, tid, "stat", 0)
	if err != nil {
		return fmt.Errorf("open /proc/%d/task/%d/stat: %w", pid, tid, err)
	}
	b, err := r.readAll(fd, true)
	closeFD(fd)
	if err != nil {
		return fmt.Errorf("read /proc/%d/task/%d/stat: %w", pid, tid, err)
	}
	return ParseStat(b, s)
}

// ReadFile reads /proc/PID/name (e.g. "cmdline", "io", "cgroup", "status") whole.
// The returned bytes alias the Reader's buffer and are valid until its next read.
func (r *Reader) ReadFile(pid int32, name string) ([]byte, error) {
	fd, err := r.openAt(pid, 0, name, 0)
	if err != nil {
		return nil, fmt.Errorf("open /proc/%d/%s: %w", pid, name, err)
	}
	b, err := r.readAll(fd, neverBlocks(name))
	closeFD(fd)
	if err != nil {
		return nil, fmt.Errorf("read /proc/%d/%s: %w", pid, name, err)
	}
	return b, nil
}

// ReadSystemFile reads a file at the proc root (e.g. "stat", "meminfo") whole.
// The returned bytes alias the Reader's buffer and are valid until its next read.
func (r *Reader) ReadSystemFile(name string) ([]byte, error) {
	r.path = append(append(r.path[:0], name...), 0)
	r.stats.Opens++
	fd, err := openat(r.rootFD, r.path, unix.O_RDONLY|unix.O_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("open %s/%s: %w", r.root, name, err)
	}
	b, err := r.readAll(fd, true)
	closeFD(fd)
	if err != nil {
		return nil, fmt.Errorf("read %s/%s: %w", r.root, name, err)
	}
	return b, nil
}

// Readlink reads the symbolic link /proc/PID/name (e.g. "exe", "cwd").
func (r *Reader) Readlink(pid int32, name string) (string, error) {
	p := r.relPath(pid, 0, name)
	n, err := unix.Readlinkat(r.rootFD, unsafeString(p), r.buf[:cap(r.buf)])
	if err != nil {
		return "", fmt.Errorf("readlink /proc/%d/%s: %w", pid, name, classify(err))
	}
	return string(r.buf[:n]), nil
}

// UID returns the owner of the /proc/PID directory: the process's effective user
// (root for a process that is not dumpable). One fstatat, no status read; htop and
// bottom take the user the same way.
//
// When the process's stat is kept open, its descriptor is asked instead (the
// kernel gives every file of /proc/PID the same owner, computed when it was
// opened): no path lookup, a few µs less per new process on a first pass.
func (r *Reader) UID(pid int32) (uint32, error) {
	var st unix.Stat_t
	if k := r.kept[pid]; k != nil && k.fd[keptStat] >= 0 {
		_, _, e := rawSyscall6(unix.SYS_FSTAT, uintptr(k.fd[keptStat]), uintptr(unsafe.Pointer(&st)), 0, 0, 0, 0)
		if e == 0 {
			return st.Uid, nil
		}
	}
	return r.DirUID(pid)
}

// DirUID is UID from the /proc/PID directory itself, whose owner the kernel
// computes afresh on every lookup: it sees a process that changed its user
// since its files were opened (a daemon dropping root after start).
func (r *Reader) DirUID(pid int32) (uint32, error) {
	var st unix.Stat_t
	p := r.relPath(pid, 0, "")
	if err := fstatat(r.rootFD, p, &st); err != nil {
		return 0, fmt.Errorf("stat /proc/%d: %w", pid, classify(err))
	}
	return st.Uid, nil
}

// Forget closes the descriptors kept for pid.
func (r *Reader) Forget(pid int32) {
	k := r.kept[pid]
	if k == nil {
		return
	}
	for _, fd := range k.fd {
		if fd >= 0 {
			closeFD(int(fd))
			r.nkept--
		}
	}
	delete(r.kept, pid)
}

// ForgetStatm closes the statm descriptor kept for pid, if any, and keeps its
// stat descriptor: for a process whose statm is no longer read every tick (it
// left the screen), so the budget goes to stat descriptors.
func (r *Reader) ForgetStatm(pid int32) { r.forgetFile(pid, keptStatm) }

// ReadIO returns /proc/PID/io, through a kept descriptor when the budget
// allows: the I/O rates read it every tick (and a one-shot twice), and a
// pread on a kept descriptor costs a third of an open, read and close.
func (r *Reader) ReadIO(pid int32) ([]byte, error) {
	b, err := r.readKept(pid, keptIO)
	if err != nil {
		return nil, fmt.Errorf("read /proc/%d/io: %w", pid, err)
	}
	return b, nil
}

// ForgetIO closes the io descriptor kept for pid, if any: when the I/O
// figures are no longer read.
func (r *Reader) ForgetIO(pid int32) { r.forgetFile(pid, keptIO) }

// ForgetStat closes the stat descriptor kept for pid, if any: for a process
// whose stat is not read every tick (SkipIdle reads its schedstat instead), so
// the budget goes to the descriptors that are read every tick.
func (r *Reader) ForgetStat(pid int32) { r.forgetFile(pid, keptStat) }

func (r *Reader) forgetFile(pid int32, f keptFile) {
	if k := r.kept[pid]; k != nil && k.fd[f] >= 0 {
		closeFD(int(k.fd[f]))
		k.fd[f] = -1
		r.nkept--
	}
}

// ProcDir is one process's /proc/PID directory, opened for the one-off reads of
// a row that came on screen after the tick that read it, and checked to belong
// to the process with a given start time. A directory descriptor stays bound to
// the process it was opened for: once that process is gone, opening a file
// through it fails, even if the PID has been reused since. So the start time
// read through it vouches for every later read through it. A ProcDir keeps no
// Reader state; it is used by one goroutine and then closed.
type ProcDir struct {
	fd     int
	pid    int32
	buf    []byte
	preads uint64
}

// OpenProcDir opens root/PID and checks that its stat has start time start; it
// fails with ErrGone when the process is gone or PID names another process.
func OpenProcDir(root string, pid int32, start uint64) (*ProcDir, error) {
	path := strconv.AppendInt(append(append(make([]byte, 0, 64), root...), '/'), int64(pid), 10)
	fd, err := openat(unix.AT_FDCWD, append(path, 0), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("open %s/%d: %w", root, pid, classify(err))
	}
	d := &ProcDir{fd: fd, pid: pid, buf: make([]byte, 2048)}
	b, err := d.ReadFile("stat")
	if err != nil {
		d.Close()
		return nil, err
	}
	var st Stat
	if err := ParseStat(b, &st); err != nil {
		d.Close()
		return nil, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	if st.StartTime != start {
		d.Close()
		return nil, fmt.Errorf("/proc/%d: another process (start %d, want %d): %w", pid, st.StartTime, start, ErrGone)
	}
	return d, nil
}

// Close closes the directory.
func (d *ProcDir) Close() {
	if d.fd >= 0 {
		closeFD(d.fd)
		d.fd = -1
	}
}

// ReadFile reads the file name of the directory whole. The bytes alias d's
// buffer until its next read.
func (d *ProcDir) ReadFile(name string) ([]byte, error) {
	fd, err := openat(d.fd, append([]byte(name), 0), unix.O_RDONLY|unix.O_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("open /proc/%d/%s: %w", d.pid, name, classify(err))
	}
	defer closeFD(fd)
	b, err := readWhole(fd, &d.buf, neverBlocks(name), &d.preads)
	if err != nil {
		return nil, fmt.Errorf("read /proc/%d/%s: %w", d.pid, name, err)
	}
	return b, nil
}

// ReadStatm reads the directory's statm into m.
func (d *ProcDir) ReadStatm(m *Statm) error {
	b, err := d.ReadFile("statm")
	if err != nil {
		return err
	}
	if err := ParseStatm(b, m); err != nil {
		return fmt.Errorf("/proc/%d/statm: %w", d.pid, err)
	}
	return nil
}

// relPath builds "PID[/task/TID][/name]\x00" in the scratch buffer.
func (r *Reader) relPath(pid, tid int32, name string) []byte {
	p := strconv.AppendInt(r.path[:0], int64(pid), 10)
	if tid > 0 {
		p = append(p, "/task/"...)
		p = strconv.AppendInt(p, int64(tid), 10)
	}
	if name != "" {
		p = append(p, '/')
		p = append(p, name...)
	}
	p = append(p, 0)
	r.path = p
	return p
}

func (r *Reader) openAt(pid, tid int32, name string, flags int) (int, error) {
	p := r.relPath(pid, tid, name)
	r.stats.Opens++
	fd, err := openat(r.rootFD, p, unix.O_RDONLY|unix.O_CLOEXEC|flags)
	if err != nil {
		return -1, classify(err)
	}
	return fd, nil
}

// unsafeString views a NUL-terminated scratch path as a Go string without the NUL.
func unsafeString(p []byte) string { return string(p[:len(p)-1]) }
