package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pidtop/pidtop/internal/collect"
)

// collectViewer reads the views through collect (Linux: /proc) and lays them out.
type collectViewer struct{}

func platformViewer() ProcViewer { return collectViewer{} }

func (collectViewer) ReadView(kind ViewKind, id collect.ID) (ViewText, error) {
	switch kind {
	case ViewEnviron:
		env, err := collect.ReadEnviron(id)
		if err != nil {
			return ViewText{}, err
		}
		return environText(env), nil
	case ViewFiles:
		of, err := collect.ReadOpenFiles(id)
		if err != nil {
			return ViewText{}, err
		}
		return filesText(&of), nil
	case ViewLocks:
		locks, err := collect.ReadLocks(id)
		if err != nil {
			return ViewText{}, err
		}
		return locksText(&locks, id.PID), nil
	case ViewActivity:
		a, err := collect.ReadActivity(id)
		if err != nil {
			return ViewText{}, err
		}
		return activityText(&a), nil
	}
	return ViewText{}, collect.ErrNoView
}

func environText(env []string) ViewText {
	if len(env) == 0 {
		return ViewText{Lines: []string{"(empty: a kernel thread, a zombie, or a process that cleared it)"}}
	}
	return ViewText{Header: fmt.Sprintf("%d variables", len(env)), Lines: env}
}

var kindNames = [...]string{collect.KindUnknown: "?", collect.KindRegular: "REG", collect.KindDir: "DIR",
	collect.KindChar: "CHR", collect.KindBlock: "BLK", collect.KindFIFO: "FIFO", collect.KindPipe: "PIPE",
	collect.KindSocket: "SOCK", collect.KindAnon: "ANON", collect.KindOther: "OTHER"}

var accessNames = [...]string{collect.AccessUnknown: "?", collect.AccessRead: "r", collect.AccessWrite: "w",
	collect.AccessReadWrite: "rw"}

func filesText(of *collect.OpenFiles) ViewText {
	t := ViewText{Header: fmt.Sprintf("%5s %-5s %-4s %12s  %s", "FD", "TYPE", "MODE", "OFFSET", "NAME")}
	for _, l := range []struct{ fd, path string }{{"cwd", of.Cwd}, {"rtd", of.Root}, {"txt", of.Exe}} {
		if l.path != "" {
			t.Lines = append(t.Lines, fmt.Sprintf("%5s %-5s %-4s %12s  %s", l.fd, "", "", "", Sanitize(l.path)))
		}
	}
	for _, f := range of.Files {
		typ, name := kindNames[f.Kind], Sanitize(f.Target)
		if f.Unreadable != "" {
			name = "unreadable: " + f.Unreadable
		}
		if s := f.Socket; s != nil {
			typ, name = socketText(s, name)
		}
		off := "-"
		if f.Offset >= 0 && (f.Kind == collect.KindRegular || f.Kind == collect.KindBlock || f.Kind == collect.KindDir) {
			off = strconv.FormatInt(f.Offset, 10)
		}
		t.Lines = append(t.Lines, fmt.Sprintf("%5d %-5s %-4s %12s  %s", f.FD, typ, accessNames[f.Access], off, name))
	}
	if len(of.Files) == 0 {
		t.Lines = append(t.Lines, "(no open file descriptors)")
	}
	if len(of.Mapped) > 0 {
		t.Lines = append(t.Lines, "", fmt.Sprintf("Memory-mapped files (%d):", len(of.Mapped)),
			fmt.Sprintf("%5s %-5s %-4s %12s  %s", "", "MAP", "PERM", "SIZE", "NAME"))
		for _, m := range of.Mapped {
			t.Lines = append(t.Lines, fmt.Sprintf("%5s %-5s %-4s %12s  %s", "", "mem", m.Perms, human(m.Bytes), Sanitize(m.Path)))
		}
	}
	return withProblems(t, of.Problems)
}

// socketText is a socket's type and its name: addresses and state, or the
// unix path.
func socketText(s *collect.Socket, target string) (typ, name string) {
	switch {
	case s.Proto == "unix":
		name = target
		if s.Path != "" {
			name = Sanitize(s.Path)
		}
		return "UNIX", name + " (" + s.State + ")"
	case s.Proto == "netlink":
		return "NLINK", fmt.Sprintf("netlink %s (port %d)", s.Family, s.Port)
	case s.Proto != "":
		name = s.Local.String()
		if s.Remote.Port() != 0 || !s.Remote.Addr().IsUnspecified() {
			name += " -> " + s.Remote.String()
		}
		return strings.ToUpper(s.Proto), name + " (" + s.State + ")"
	}
	return "SOCK", target + " (not IP, unix or netlink: packet, vsock, …)"
}

func locksText(fl *collect.FileLocks, pid int32) ViewText {
	t := ViewText{Header: fmt.Sprintf("%-7s %-9s %-6s %-7s %5s %-14s %-8s %s", "CLASS", "MODE", "ACCESS", "STATE", "FD", "RANGE", "OWNER", "FILE")}
	for _, l := range fl.Locks {
		state := "held"
		if l.Blocked {
			state = "waiting"
		}
		fd, file := "-", fmt.Sprintf("device %x:%x inode %d (no descriptor of it here)", l.Major, l.Minor, l.Inode)
		if l.FD >= 0 {
			fd, file = strconv.Itoa(l.FD), Sanitize(l.Path)
		}
		rng := fmt.Sprintf("%d-EOF", l.Start)
		if !l.ToEOF {
			rng = fmt.Sprintf("%d-%d", l.Start, l.End)
		}
		owner := strconv.FormatInt(l.Owner, 10)
		switch l.Owner {
		case int64(pid):
			owner = "this"
		case -1:
			owner = "open file"
		}
		t.Lines = append(t.Lines, fmt.Sprintf("%-7s %-9s %-6s %-7s %5s %-14s %-8s %s", l.Class, l.Mode, l.Access, state, fd, rng, owner, file))
	}
	if len(fl.Locks) == 0 {
		t.Lines = append(t.Lines, "(no file locks held or waited for)")
	}
	return withProblems(t, fl.Problems)
}

var stateNames = map[byte]string{'R': "running", 'S': "sleeping", 'D': "uninterruptible (disk) sleep",
	'T': "stopped", 't': "stopped by a tracer", 'Z': "zombie", 'X': "dead", 'I': "idle", 'P': "parked", 'W': "waking"}

func activityText(a *collect.Activity) ViewText {
	var t ViewText
	if len(a.Threads) > 0 {
		m := a.Threads[0]
		t.Lines = append(t.Lines, fmt.Sprintf("State:   %c (%s)", printableState(m.State), stateNames[m.State]),
			"Syscall: "+syscallText(&m, true), "Waits in: "+orDash(Sanitize(m.Wchan)))
	}
	// What could not be read goes first here: the threads' list is long.
	t = withProblems(t, a.Problems)
	t.Lines = append(t.Lines, "", fmt.Sprintf("Threads (%d):", len(a.Threads)),
		fmt.Sprintf("%8s %-2s %-22s %-24s %s", "TID", "S", "SYSCALL", "WAITS IN", "NAME"))
	for _, th := range a.Threads {
		t.Lines = append(t.Lines, fmt.Sprintf("%8d %-2c %-22s %-24s %s", th.TID, printableState(th.State),
			syscallText(&th, false), orDash(Sanitize(th.Wchan)), Sanitize(th.Name)))
	}
	if len(a.Stack) > 0 {
		t.Lines = append(t.Lines, "", "Kernel stack of the main thread:")
		for _, f := range a.Stack {
			t.Lines = append(t.Lines, "  "+Sanitize(f))
		}
	}
	return t
}

// syscallText names where a thread is; full adds the arguments.
func syscallText(t *collect.ThreadActivity, full bool) string {
	s := &t.Syscall
	switch {
	case t.Kernel:
		return "- (kernel thread)"
	case t.State == 'Z' || t.State == 'X':
		return "- (exited)"
	case !s.Known:
		return "? (unreadable)"
	case s.Running:
		return "- (running)"
	case s.Nr < 0:
		return "- (blocked outside a system call)"
	}
	name := s.Name
	if name == "" {
		name = "syscall " + strconv.FormatInt(s.Nr, 10)
	}
	if !full {
		return name
	}
	args := make([]string, len(s.Args))
	for i, a := range s.Args {
		args[i] = "0x" + strconv.FormatUint(a, 16)
	}
	return fmt.Sprintf("%s(%s)  [#%d]", name, strings.Join(args, ", "), s.Nr)
}

func printableState(b byte) rune {
	if b < '!' || b > '~' {
		return '?'
	}
	return rune(b)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// withProblems adds what could not be read, with the kernel's reason.
func withProblems(t ViewText, problems []string) ViewText {
	if len(problems) > 0 {
		t.Lines = append(t.Lines, "")
	}
	for _, p := range problems {
		t.Lines = append(t.Lines, "unreadable: "+Sanitize(p))
	}
	return t
}
