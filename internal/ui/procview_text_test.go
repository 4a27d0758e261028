package ui

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
)

func TestViewTextLayouts(t *testing.T) {
	of := collect.OpenFiles{Cwd: "/home/a", Exe: "/usr/bin/x", Files: []collect.OpenFile{
		{FD: 0, Kind: collect.KindChar, Target: "/dev/pts/3", Access: collect.AccessReadWrite, Offset: 0},
		{FD: 3, Kind: collect.KindRegular, Target: "/tmp/a\nb\x1b[2J", Access: collect.AccessWrite, Offset: 4096},
		{FD: 4, Kind: collect.KindSocket, Target: "socket:[10]", Socket: &collect.Socket{Proto: "tcp6",
			Local: netip.MustParseAddrPort("[::1]:8080"), Remote: netip.MustParseAddrPort("[::1]:51000"), State: "ESTABLISHED"}},
		{FD: 5, Kind: collect.KindSocket, Target: "socket:[11]", Socket: &collect.Socket{Proto: "unix", Path: "@bus\u202e", State: "LISTEN"}},
		{FD: 6, Kind: collect.KindSocket, Target: "socket:[12]", Socket: &collect.Socket{Proto: "netlink", Family: "route", Port: 77}},
		{FD: 7, Kind: collect.KindSocket, Target: "socket:[13]", Socket: &collect.Socket{Inode: 13}},
		{FD: 8, Kind: collect.KindAnon, Target: "anon_inode:[eventfd]", Access: collect.AccessReadWrite},
		{FD: 9, Kind: collect.KindPipe, Target: "pipe:[99]", Access: collect.AccessRead},
		{FD: 10, Offset: -1, Unreadable: "permission denied"},
	}, Mapped: []collect.MappedFile{{Path: "/usr/lib/libc.so.6", Perms: "r-xp", Bytes: 2 << 20}},
		Problems: []string{"net/raw: permission denied"}}
	a := collect.Activity{Threads: []collect.ThreadActivity{
		{TID: 10, Name: "main", State: 'S', Syscall: collect.SyscallState{Known: true, Nr: 7, Name: "poll", Args: [6]uint64{0x10, 2}}, Wchan: "do_sys_poll"},
		{TID: 11, Name: "worker", State: 'R', Syscall: collect.SyscallState{Known: true, Running: true, Nr: -1}},
		{TID: 12, Name: "odd", State: 'S', Syscall: collect.SyscallState{Known: true, Nr: 4242}},
		{TID: 13, Name: "kworker", State: 'I', Kernel: true},
		{TID: 14, Name: "hidden", State: 'S'},
	}, Stack: []string{"do_sys_poll+0x1/0x2"}}
	locks := collect.FileLocks{Locks: []collect.FileLock{
		{Class: "POSIX", Mode: "ADVISORY", Access: "WRITE", Start: 10, End: 19, FD: 3, Path: "/tmp/a", Owner: 10},
		{Class: "OFDLCK", Mode: "ADVISORY", Access: "READ", Blocked: true, ToEOF: true, FD: -1, Major: 0xfe, Inode: 5, Owner: -1},
	}}
	for _, tt := range []struct {
		name string
		text ViewText
		want []string
	}{
		{"files", filesText(&of), []string{
			"  cwd                          /home/a", "  txt                          /usr/bin/x",
			"    0 CHR   rw              -  /dev/pts/3",
			"    3 REG   w            4096  /tmp/a^Jb^[[2J",
			"    4 TCP6  ?               -  [::1]:8080 -> [::1]:51000 (ESTABLISHED)",
			`    5 UNIX  ?               -  @bus\u202e (LISTEN)`,
			"    6 NLINK ?               -  netlink route (port 77)",
			"    7 SOCK  ?               -  socket:[13] (not IP, unix or netlink",
			"    8 ANON  rw              -  anon_inode:[eventfd]",
			"    9 PIPE  r               -  pipe:[99]",
			"   10 ?     ?               -  unreadable: permission denied",
			"Memory-mapped files (1):", "mem   r-xp        2.00M  /usr/lib/libc.so.6",
			"unreadable: net/raw: permission denied"}},
		{"activity", activityText(&a), []string{"State:   S (sleeping)", "Syscall: poll(0x10, 0x2, 0x0, 0x0, 0x0, 0x0)  [#7]",
			"Waits in: do_sys_poll", "Threads (5):", "- (running)", "syscall 4242", "- (kernel thread)", "? (unreadable)",
			"Kernel stack of the main thread:", "  do_sys_poll+0x1/0x2"}},
		{"locks", locksText(&locks, 10), []string{"POSIX   ADVISORY  WRITE  held        3 10-19          this     /tmp/a",
			"OFDLCK  ADVISORY  READ   waiting     - 0-EOF          open file device fe:0 inode 5"}},
	} {
		text := strings.Join(tt.text.Lines, "\n")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", tt.name, w, text)
			}
		}
		if strings.ContainsAny(text, "\x1b\u202e") {
			t.Errorf("%s: raw control characters:\n%q", tt.name, text)
		}
	}
}
