package collect

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// ReadEnviron reads /proc/PID/environ: the environment as the process's memory
// holds it now. Another user's process's is unreadable without privilege.
func ReadEnviron(id ID) ([]string, error) {
	d, err := openProc("/proc", id)
	if err != nil {
		return nil, err
	}
	defer d.close()
	b, err := d.read("environ")
	if errors.Is(err, unix.ESRCH) && d.alive() {
		return nil, nil // no memory: a kernel thread or a zombie
	}
	if err != nil {
		return nil, exited(err)
	}
	return procfs.ParseEnviron(b), nil
}

// ReadOpenFiles reads the process's descriptors (fd, fdinfo), resolves its
// sockets in its own network namespace (/proc/PID/net/…), and lists its
// memory-mapped files (maps).
func ReadOpenFiles(id ID) (OpenFiles, error) {
	d, err := openProc("/proc", id)
	if err != nil {
		return OpenFiles{}, err
	}
	defer d.close()
	var of OpenFiles
	problem := func(what string, err error) { of.Problems = append(of.Problems, what+": "+errText(err)) }
	fds, err := d.numbers("fd")
	if err != nil {
		return of, exited(err)
	}
	var socks *sockets
	for _, fd := range fds {
		f, err := d.openFile(fd)
		switch {
		case errors.Is(err, unix.ENOENT):
			continue // closed since the listing
		case errors.Is(err, unix.ESRCH):
			return of, ErrExited
		case err != nil:
			f.Unreadable = errText(err) // the kernel may refuse one and not the rest
		}
		if f.Kind == KindSocket {
			if socks == nil {
				socks = d.readSockets(problem)
			}
			f.Socket = socks.find(f.Target)
		}
		of.Files = append(of.Files, f)
	}
	if b, err := d.read("maps"); err != nil {
		if errors.Is(err, unix.ESRCH) {
			return of, ErrExited
		}
		problem("maps", err)
	} else {
		of.Mapped = mappedFiles(procfs.ParseMaps(b))
	}
	return of, nil
}

// openFile reads one descriptor: its link, its kind and its fdinfo.
func (d *procDir) openFile(fd int) (OpenFile, error) {
	name := strconv.Itoa(fd)
	f := OpenFile{FD: fd, Offset: -1}
	var err error
	if f.Target, err = d.readlink("fd/" + name); err != nil {
		return f, err
	}
	f.Kind = kindOf(f.Target)
	if f.Kind == KindUnknown {
		f.Kind = KindOther
		if st, err := d.stat("fd/" + name); err == nil {
			f.Kind = kindOfMode(st.Mode)
		}
	}
	if b, err := d.read("fdinfo/" + name); err == nil {
		if fi, err := procfs.ParseFDInfo(b); err == nil {
			f.Access = [...]Access{AccessRead, AccessWrite, AccessReadWrite, AccessUnknown}[fi.Access()]
			f.Offset = fi.Pos
		}
	}
	return f, nil
}

// kindOf tells the kind from the link's target where the kernel names it.
func kindOf(target string) FileKind {
	switch {
	case strings.HasPrefix(target, "socket:["):
		return KindSocket
	case strings.HasPrefix(target, "pipe:["):
		return KindPipe
	case strings.HasPrefix(target, "anon_inode:"):
		return KindAnon
	case strings.HasPrefix(target, "/"):
		return KindUnknown // a path: its mode says
	}
	return KindOther
}

func kindOfMode(mode uint32) FileKind {
	switch mode & unix.S_IFMT {
	case unix.S_IFREG:
		return KindRegular
	case unix.S_IFDIR:
		return KindDir
	case unix.S_IFCHR:
		return KindChar
	case unix.S_IFBLK:
		return KindBlock
	case unix.S_IFIFO:
		return KindFIFO
	case unix.S_IFSOCK:
		return KindSocket
	}
	return KindOther
}

// mappedFiles lists each mapped file once, in address order, with the address
// space all its mappings cover.
func mappedFiles(maps []procfs.Mapping) []MappedFile {
	var out []MappedFile
	at := map[string]int{}
	for _, m := range maps {
		if i, ok := at[m.Path]; ok {
			out[i].Bytes += m.End - m.Start
			continue
		}
		at[m.Path] = len(out)
		out = append(out, MappedFile{Path: m.Path, Perms: m.Perms, Bytes: m.End - m.Start})
	}
	return out
}

// sockets are the sockets of one network namespace, by inode.
type sockets map[uint64]*Socket

// readSockets reads the process's namespace's socket tables. A table that does
// not exist (no IPv6) is passed over; one that cannot be read is a problem.
func (d *procDir) readSockets(problem func(string, error)) *sockets {
	s := sockets{}
	for _, proto := range []string{"tcp", "tcp6", "udp", "udp6", "raw", "raw6"} {
		b, err := d.read("net/" + proto)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				problem("net/"+proto, err)
			}
			continue
		}
		list, err := procfs.ParseNetIP(b)
		if err != nil {
			problem("net/"+proto, err)
		}
		for _, ip := range list {
			st := procfs.TCPStateName(ip.State)
			if !strings.HasPrefix(proto, "tcp") { // udp and raw: connected or not
				st = map[uint8]string{1: "CONNECTED", 7: "UNCONNECTED"}[ip.State]
			}
			s[ip.Inode] = &Socket{Proto: proto, Local: ip.Local, Remote: ip.Remote, State: st, Inode: ip.Inode}
		}
	}
	if b, err := d.read("net/netlink"); err == nil {
		list, err := procfs.ParseNetNetlink(b)
		if err != nil {
			problem("net/netlink", err)
		}
		for _, n := range list {
			s[n.Inode] = &Socket{Proto: "netlink", Family: procfs.NetlinkProtocolName(n.Protocol), Port: n.PortID, Inode: n.Inode}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		problem("net/netlink", err)
	}
	if b, err := d.read("net/unix"); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			problem("net/unix", err)
		}
	} else {
		list, err := procfs.ParseNetUnix(b)
		if err != nil {
			problem("net/unix", err)
		}
		for _, u := range list {
			st := map[uint8]string{1: "UNCONNECTED", 2: "CONNECTING", 3: "CONNECTED", 4: "DISCONNECTING"}[u.State]
			if u.Listening() {
				st = "LISTEN"
			}
			s[u.Inode] = &Socket{Proto: "unix", State: st, Path: u.Path, Inode: u.Inode}
		}
	}
	return &s
}

// find resolves a "socket:[N]" link; a socket of another family (packet,
// vsock, …) gives a record with its inode only.
func (s *sockets) find(target string) *Socket {
	n, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]"), 10, 64)
	if err != nil {
		return nil
	}
	if so := (*s)[n]; so != nil {
		return so
	}
	return &Socket{Inode: n}
}

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

// maxThreads bounds the threads the activity view reads (three files each).
const maxThreads = 2000

// ReadActivity reads what each thread is doing (task/TID/{stat,syscall,wchan})
// and the main thread's kernel stack (stack, readable by root only).
func ReadActivity(id ID) (Activity, error) {
	d, err := openProc("/proc", id)
	if err != nil {
		return Activity{}, err
	}
	defer d.close()
	var a Activity
	tids, err := d.numbers("task")
	if err != nil {
		return a, exited(err)
	}
	if len(tids) > maxThreads {
		a.Problems = append(a.Problems, fmt.Sprintf("threads: %d not shown (the first %d are)", len(tids)-maxThreads, maxThreads))
		tids = tids[:maxThreads]
	}
	for i, tid := range tids {
		if tid == int(id.PID) && i > 0 {
			tids[0], tids[i] = tids[i], tids[0]
		}
	}
	var denied error // the first thread's syscall the kernel refused, for all
	for _, tid := range tids {
		t, err := d.thread(tid, &denied)
		if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ESRCH) && tid != int(id.PID) {
			continue // a thread that ended since the listing
		}
		if err != nil {
			return a, exited(err)
		}
		a.Threads = append(a.Threads, t)
	}
	if denied != nil {
		a.Problems = append(a.Problems, "system calls: "+errText(denied))
	}
	if b, err := d.read("stack"); err != nil {
		a.Problems = append(a.Problems, "kernel stack: "+errText(err))
	} else {
		a.Stack = procfs.ParseStack(b)
	}
	return a, nil
}

// thread reads one thread's state, system call and wait channel.
func (d *procDir) thread(tid int, denied *error) (ThreadActivity, error) {
	dir := "task/" + strconv.Itoa(tid) + "/"
	t := ThreadActivity{TID: int32(tid)}
	b, err := d.read(dir + "stat")
	if err != nil {
		return t, err
	}
	var st procfs.Stat
	if err := procfs.ParseStat(b, &st); err == nil {
		t.Name, t.State = string(st.Comm()), st.State
	}
	if st.IsKernelThread() || st.State == 'Z' || st.State == 'X' {
		// No user registers: the kernel's syscall file says "0 0x0 …" for a
		// kernel thread, which would read as a read(2).
		t.Syscall = SyscallState{Known: true, Nr: -1}
		t.Kernel = st.IsKernelThread()
	} else if b, err := d.read(dir + "syscall"); err == nil {
		if sc, err := procfs.ParseSyscall(b); err == nil {
			t.Syscall = SyscallState{Known: true, Running: sc.State == procfs.SyscallRunning, Nr: sc.Nr,
				Name: procfs.SyscallName(runtime.GOARCH, sc.Nr), Args: sc.Args}
		}
	} else if *denied == nil && !errors.Is(err, unix.ESRCH) && !errors.Is(err, unix.ENOENT) {
		*denied = err
	}
	if b, err := d.read(dir + "wchan"); err == nil {
		t.Wchan = procfs.ParseWchan(b)
	}
	return t, nil
}
