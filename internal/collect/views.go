package collect

import (
	"errors"
	"net/netip"
)

// The per-process views (environment, open files, locks, what a process is
// doing) are read on demand, like Details, by ReadEnviron, ReadOpenFiles, ReadLocks and
// ReadActivity: each checks first that the PID still belongs to the ID the user
// saw, and returns ErrExited if not. Strings are the process's or the
// kernel's bytes, unsanitized: the viewer sanitizes what it shows.

// ErrNoView is returned by a view this operating system does not offer.
var ErrNoView = errors.New("not supported on this operating system")

// Access is how an open file may be used.
type Access uint8

const (
	AccessUnknown Access = iota
	AccessRead
	AccessWrite
	AccessReadWrite
)

// FileKind is what an open file descriptor refers to.
type FileKind uint8

const (
	KindUnknown FileKind = iota
	KindRegular
	KindDir
	KindChar   // character device (a terminal, /dev/null)
	KindBlock  // block device
	KindFIFO   // named pipe
	KindPipe   // anonymous pipe ("pipe:[N]")
	KindSocket // socket ("socket:[N]"); see OpenFile.Socket
	KindAnon   // anonymous inode: eventfd, epoll, inotify, timerfd, signalfd, …
	KindOther  // anything else the kernel links to (a namespace, a memfd)
)

// OpenFiles is the open-files view of one process.
type OpenFiles struct {
	// Cwd, Root and Exe are the working directory, the root directory and
	// the executable (lsof's cwd, rtd and txt); "" if unreadable.
	Cwd, Root, Exe string
	Files          []OpenFile   // by descriptor number
	Mapped         []MappedFile // memory-mapped files, once each, in address order
	Problems       []string     // "what: why" for each part that could not be read
}

// OpenFile is one open file descriptor.
type OpenFile struct {
	FD     int
	Kind   FileKind
	Target string // the link's target: a path, "pipe:[N]", "anon_inode:[eventfd]"
	Access Access
	Offset int64 // file offset in bytes; -1 if unknown
	Socket *Socket
	// Unreadable is why the link could not be read (the kernel's reason), ""
	// if it was.
	Unreadable string
}

// Socket is a socket resolved in the process's network namespace.
type Socket struct {
	Proto  string         // "tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "netlink"; "" if not found (packet, vsock, …)
	Local  netip.AddrPort // IP sockets
	Remote netip.AddrPort // IP sockets; unspecified when not connected
	State  string         // "LISTEN", "ESTABLISHED", …; udp, raw and unix: "CONNECTED", "UNCONNECTED"; unix: "LISTEN"
	Path   string         // unix: the bound path, "@name" if abstract, "" if unbound
	Family string         // netlink: its protocol ("route", "audit", "kobject_uevent", …)
	Port   uint32         // netlink: its port ID, often its owner's PID
	Inode  uint64
}

// MappedFile is a file mapped into the process's memory.
type MappedFile struct {
	Path  string
	Perms string // of its first mapping, "r-xp"
	Bytes uint64 // address space it covers, all its mappings together
}

// FileLocks is the locks view of one process.
type FileLocks struct {
	Locks    []FileLock
	Problems []string
}

// FileLock is a lock the process holds or waits for.
type FileLock struct {
	Class   string // FLOCK, POSIX, OFDLCK, LEASE, …
	Mode    string // ADVISORY, MANDATORY (leases: ACTIVE, BREAKING)
	Access  string // READ, WRITE
	Blocked bool   // waiting for another process's lock
	Start   uint64
	End     uint64 // meaningless when ToEOF
	ToEOF   bool
	// Path is the locked file as one of the process's descriptors names it, ""
	// if none does; FD is that descriptor, -1 if none.
	Path         string
	FD           int
	Major, Minor uint32
	Inode        uint64
	// Owner is the PID /proc/locks names: this process, another that shares the
	// open file (flock is inherited), or -1 for an open file description lock.
	Owner int64
}

// Activity is what a process is doing now, read without stopping it.
type Activity struct {
	Threads  []ThreadActivity // the main thread first
	Stack    []string         // the main thread's kernel stack, innermost first
	Problems []string
}

// ThreadActivity is one thread's state.
type ThreadActivity struct {
	TID     int32
	Name    string // comm
	State   byte   // R, S, D, T, Z, …; 0 if unknown
	Kernel  bool   // a kernel thread: it never makes a system call
	Syscall SyscallState
	Wchan   string // the kernel function it sleeps in, "" if none or hidden
}

// SyscallState is where a thread is: in a system call (Nr, Name, Args), on a
// CPU, or blocked outside a system call.
type SyscallState struct {
	Known   bool // false: unreadable (another user's process, no ptrace access)
	Running bool
	Nr      int64 // -1 when not in a system call
	Name    string
	Args    [6]uint64
}
