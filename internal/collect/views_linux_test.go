package collect

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// idOf is the identity of a live process.
func idOf(t testing.TB, pid int) ID {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	var st procfs.Stat
	if err := procfs.ParseStat(b, &st); err != nil {
		t.Fatal(err)
	}
	return ID{PID: int32(pid), Start: st.StartTime}
}

// startChild starts a command and kills and reaps it (by PID) when the test ends.
func startChild(t *testing.T, cmd *exec.Cmd) ID {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return idOf(t, cmd.Process.Pid)
}

// waitFor polls cond until it holds, or fails the test after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestReadOpenFilesOfSelf(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	path := filepath.Join(t.TempDir(), "data")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("twelve bytes"); err != nil {
		t.Fatal(err)
	}
	of, err := ReadOpenFiles(idOf(t, os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	var sawFile, sawSock bool
	for _, o := range of.Files {
		switch {
		case o.FD == int(f.Fd()):
			sawFile = o.Target == path && o.Kind == KindRegular && o.Access == AccessReadWrite && o.Offset == 12
		case o.Socket != nil && o.Socket.Proto == "tcp" && int(o.Socket.Local.Port()) == port:
			sawSock = o.Socket.State == "LISTEN" && o.Socket.Local.Addr().String() == "127.0.0.1"
		}
	}
	if !sawFile || !sawSock {
		t.Errorf("file %v, listening socket %v in %+v", sawFile, sawSock, of.Files)
	}
	exe, _ := os.Executable()
	wd, _ := os.Getwd()
	if of.Exe != exe || of.Cwd != wd || of.Root != "/" {
		t.Errorf("exe %q, cwd %q, root %q; want %q, %q, /", of.Exe, of.Cwd, of.Root, exe, wd)
	}
	if !slices.ContainsFunc(of.Mapped, func(m MappedFile) bool { return m.Path == exe && m.Bytes > 0 }) {
		t.Errorf("the test binary is not among the mapped files: %+v", of.Mapped)
	}
}

func TestReadLocksOfChild(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	if _, err := exec.LookPath("flock"); err != nil {
		t.Skip("no flock(1)")
	}
	path := filepath.Join(t.TempDir(), "lockfile")
	// flock holds the lock and waits for its own child, sleep: killing flock
	// alone left the sleep running for ten minutes. In a process group of its
	// own, both end by the group's leader's PID.
	cmd := exec.Command("flock", "-x", path, "sleep", "600")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	id := startChild(t, cmd)
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }) // runs before startChild's Wait
	var locks []FileLock
	waitFor(t, "the child's flock", func() bool {
		fl, err := ReadLocks(id)
		locks = fl.Locks
		return err == nil && len(locks) > 0
	})
	l := locks[0]
	if l.Class != "FLOCK" || l.Access != "WRITE" || l.Path != path || l.FD < 0 || l.Owner != int64(id.PID) {
		t.Errorf("locks: %+v", locks)
	}
}

func TestReadEnvironAndActivityOfChild(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	cmd := exec.Command("sleep", "600")
	cmd.Env = []string{"PIDTOP_MARK=\x1b[2J\u202e", "PATH=/usr/bin:/bin"}
	id := startChild(t, cmd)
	waitFor(t, "sleep to be asleep", func() bool {
		a, err := ReadActivity(id)
		return err == nil && len(a.Threads) == 1 && a.Threads[0].State == 'S' && a.Threads[0].Name == "sleep"
	})
	env, err := ReadEnviron(id)
	if err != nil || !slices.Equal(env, cmd.Env) {
		t.Errorf("environ: %q, %v; want %q", env, err, cmd.Env)
	}
	a, err := ReadActivity(id)
	if err != nil {
		t.Fatal(err)
	}
	th := a.Threads[0]
	if th.TID != id.PID || !th.Syscall.Known || (th.Syscall.Name != "clock_nanosleep" && th.Syscall.Name != "nanosleep") {
		t.Errorf("activity: %+v", a)
	}
	if os.Geteuid() == 0 && len(a.Stack) == 0 {
		t.Errorf("root reads no kernel stack: %+v", a)
	}
}

func TestViewsOfAnExitedProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	self := idOf(t, os.Getpid())
	for _, id := range []ID{{PID: self.PID, Start: self.Start + 1}, {PID: 1 << 30}} {
		_, e1 := ReadEnviron(id)
		_, e2 := ReadOpenFiles(id)
		_, e3 := ReadLocks(id)
		_, e4 := ReadActivity(id)
		for i, err := range []error{e1, e2, e3, e4} {
			if !errors.Is(err, ErrExited) {
				t.Errorf("%+v view %d: %v, want ErrExited", id, i, err)
			}
		}
	}
}

// TestViewsUnreadableSayWhy runs as an ordinary user only: root reads every
// process's environment.
func TestViewsUnreadableSayWhy(t *testing.T) {
	if testing.Short() || os.Geteuid() == 0 {
		t.Skip("reads the live /proc as an ordinary user")
	}
	_, err := ReadEnviron(idOf(t, 1))
	if !errors.Is(err, unix.EACCES) {
		t.Errorf("environ of init as a user: %v, want EACCES", err)
	}
}

// TestViewsOfZombieAndKernelThread reads each view of a zombie child and of
// kthreadd: nothing to show is no error.
func TestViewsOfZombieAndKernelThread(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	zombie := idOf(t, cmd.Process.Pid)
	waitFor(t, "the zombie", func() bool {
		a, err := ReadActivity(zombie)
		return err == nil && len(a.Threads) > 0 && a.Threads[0].State == 'Z'
	})
	ids := []ID{zombie}
	if _, err := os.Stat("/proc/2/stat"); err == nil {
		ids = append(ids, idOf(t, 2)) // kthreadd, where /proc shows the host's
	}
	for _, id := range ids {
		env, e1 := ReadEnviron(id)
		of, e2 := ReadOpenFiles(id)
		locks, e3 := ReadLocks(id)
		a, e4 := ReadActivity(id)
		t.Logf("pid %d: env %d, files %d, mapped %d, locks %d, activity %+v", id.PID, len(env), len(of.Files), len(of.Mapped), len(locks.Locks), a)
		for i, err := range []error{e1, e2, e3, e4} {
			if err != nil && !(os.Geteuid() != 0 && errors.Is(err, unix.EACCES)) {
				t.Errorf("pid %d view %d: %v", id.PID, i, err)
			}
		}
		if len(a.Threads) == 0 || a.Threads[0].Kernel != (id.PID == 2) || a.Threads[0].Syscall.Known && a.Threads[0].Syscall.Nr != -1 {
			t.Errorf("pid %d: a kernel thread or a zombie in a system call: %+v", id.PID, a.Threads)
		}
	}
}

// BenchmarkViews reads each view of this test process (a few threads, a dozen
// descriptors): what one open, or one tick of the live s view, costs.
func BenchmarkViews(b *testing.B) {
	b.ReportAllocs()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	id := idOf(b, os.Getpid())
	for _, v := range []struct {
		name string
		read func() error
	}{
		{"environ", func() error { _, err := ReadEnviron(id); return err }},
		{"files", func() error { _, err := ReadOpenFiles(id); return err }},
		{"locks", func() error { _, err := ReadLocks(id); return err }},
		{"activity", func() error { _, err := ReadActivity(id); return err }},
	} {
		b.Run(v.name, func(b *testing.B) {
			for b.Loop() {
				if err := v.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
