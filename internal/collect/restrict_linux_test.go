package collect

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// fakeProc is a /proc of files written by a test: processes and the system
// files the collector reads.
type fakeProc struct {
	t    *testing.T
	root string
}

func newFakeProc(t *testing.T) *fakeProc {
	f := &fakeProc{t: t, root: t.TempDir()}
	f.write("meminfo", "MemTotal: 1000000 kB\nMemFree: 500000 kB\nMemAvailable: 600000 kB\nBuffers: 1000 kB\n"+
		"Cached: 2000 kB\nSwapCached: 0 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\nShmem: 0 kB\nSReclaimable: 0 kB\n")
	f.write("uptime", "100.00 150.00\n")
	return f
}

func (f *fakeProc) write(name, text string) {
	f.t.Helper()
	path := filepath.Join(f.root, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// proc writes /proc/PID/stat: comm, state, the kernel's flags and the thread count.
func (f *fakeProc) proc(pid int, comm string, state byte, flags uint32, threads int) {
	f.write(fmt.Sprintf("%d/stat", pid), fmt.Sprintf("%d (%s) %c 1 %d %d 0 -1 %d 100 0 0 0 5 3 0 0 20 0 %d 0 42 12345678 300"+
		" 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
		pid, comm, state, pid, pid, flags, threads))
}

// system writes the kernel's own counts: /proc/stat's procs_running and
// loadavg's running and total tasks.
func (f *fakeProc) system(running, total int) {
	f.write("stat", fmt.Sprintf("cpu  1 2 3 4 5 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 2 0 0\nctxt 350326\n"+
		"btime 1795307063\nprocesses 7928\nprocs_running %d\nprocs_blocked 0\n", running))
	f.write("loadavg", fmt.Sprintf("0.50 0.40 0.30 %d/%d 5000\n", running, total))
}

// collector is a Collector over the fake /proc, with a first look of up to 10 rows.
func (f *fakeProc) collector() *Collector {
	f.t.Helper()
	c, err := New(Config{FirstRows: 10, newSource: func() (source, error) {
		return newLinuxSource(procfs.ReaderConfig{Root: f.root})
	}})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(c.Close)
	return c
}

// Under hidepid=2 a user sees only their own processes, while /proc/stat and
// loadavg still count every task of the machine: the counts are of the rows
// read (running too), the first look counts nothing it cannot see, and both
// say the view is restricted. Where nothing is hidden, the kernel's running
// count stands (it sees the threads that run while their main thread sleeps),
// but never above the tasks seen (a PID namespace's view of the machine's
// count). A /proc of files written here.
func TestRestrictedViewCounts(t *testing.T) {
	const kthread = 0x00208040 // PF_KTHREAD and the rest of kthreadd's flags
	type counts struct {
		restricted                             bool
		tasks, threads, kernelThreads, running int
	}
	of := func(s System) counts {
		return counts{s.Restricted, s.Tasks, s.Threads, s.KernelThreads, s.Running}
	}
	for _, c := range []struct {
		name           string
		machine        bool // PID 1, kthreadd and a kernel thread are visible
		running, total int  // the kernel's counts
		want           counts
		wantFirst      counts // the first look's, where the figures agree (zero: not checked)
	}{
		{name: "hidepid", running: 6, total: 300,
			want:      counts{restricted: true, tasks: 2, threads: 2, running: 1},
			wantFirst: counts{restricted: true}},
		{name: "whole", machine: true, running: 4, total: 7,
			want:      counts{tasks: 5, threads: 2, kernelThreads: 2, running: 4},
			wantFirst: counts{tasks: 5, threads: 2, kernelThreads: 2, running: 4}},
		{name: "more running than seen", machine: true, running: 40, total: 300,
			want: counts{tasks: 5, threads: 2, kernelThreads: 2, running: 7}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeProc(t)
			f.system(c.running, c.total)
			if c.machine {
				f.proc(1, "init", 'S', 0x400100, 1)
				f.proc(2, "kthreadd", 'S', kthread, 1)
				f.proc(3, "rcu_gp", 'I', kthread, 1)
				f.write("2/task/2/children", "3 ")
			}
			// The user's own: a shell, and a program of three threads whose
			// main thread runs.
			f.proc(4242, "sh", 'S', 0x400000, 1)
			f.proc(4250, "worker", 'R', 0x400000, 3)
			opts := "rw"
			if c.want.restricted {
				opts = "rw,hidepid=invisible"
			}
			f.write("self/mountinfo", "21 26 0:20 / /proc rw - proc proc rw\n"+
				"65 21 0:39 / "+f.root+" rw,relatime - proc proc "+opts+"\n")
			col := f.collector()
			first := col.first()
			if first == nil {
				t.Fatal("no first look")
			}
			if got := of(first.System); got != c.wantFirst && c.wantFirst != (counts{}) {
				t.Errorf("first look counts %+v, want %+v", got, c.wantFirst)
			}
			if first.System.Restricted != c.want.restricted {
				t.Errorf("first look: restricted %v, want %v", first.System.Restricted, c.want.restricted)
			}
			s := col.Collect()
			if got := of(s.System); got != c.want {
				t.Errorf("snapshot counts %+v, want %+v", got, c.want)
			}
			if s.System.Known&SysKnownTasks == 0 || s.Cost.Errors != 0 {
				t.Errorf("snapshot: known %b, %d errors (%s)", s.System.Known, s.Cost.Errors, s.Cost.LastErr)
			}
		})
	}
}

// The mount's options decide when PID 1 is ours and visible: hidepid hides
// other users' processes from a reader outside its gid= group and without
// CAP_SYS_PTRACE. Only the last mount at the root's path counts.
func TestHidesFrom(t *testing.T) {
	root := t.TempDir()
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	line := func(id int, point, fstype, opts string) string {
		return fmt.Sprintf("%d 21 0:%d / %s rw,relatime shared:%d - %s %s %s\n", id, id, point, id, fstype, fstype, opts)
	}
	user, wheel, tracer := viewer{groups: []int{1000}}, viewer{groups: []int{1000, 10}}, viewer{groups: []int{0}, ptrace: true}
	for _, c := range []struct {
		name      string
		mountinfo string
		v         viewer
		want      bool
	}{
		{"hidepid=2", line(65, real, "proc", "rw,hidepid=2"), user, true},
		{"hidepid=noaccess", line(65, real, "proc", "rw,hidepid=noaccess"), user, true},
		{"no hidepid", line(65, real, "proc", "rw"), user, false},
		{"gid= group", line(65, real, "proc", "rw,hidepid=invisible,gid=10"), wheel, false},
		{"not of gid= group", line(65, real, "proc", "rw,hidepid=invisible,gid=10"), user, true},
		{"CAP_SYS_PTRACE", line(65, real, "proc", "rw,hidepid=invisible"), tracer, false},
		{"another mount point", line(65, real+"/x", "proc", "rw,hidepid=2"), user, false},
		{"remounted without", line(65, real, "proc", "rw,hidepid=2") + line(66, real, "proc", "rw"), user, false},
		{"remounted with", line(65, real, "proc", "rw") + line(66, real, "proc", "rw,hidepid=2"), user, true},
		{"not proc", line(65, real, "tmpfs", "rw,hidepid=2"), user, false},
		{"malformed", "65 21 0:39 / " + real + "\n", user, false},
	} {
		if got := hidesFrom([]byte(c.mountinfo), root, c.v); got != c.want {
			t.Errorf("%s: hidesFrom = %v, want %v", c.name, got, c.want)
		}
	}
}

// hidepidEnv names, for the re-executed test binary, the directory where it
// mounts a proc with hidepid=2 and reads it as nobody.
const hidepidEnv = "PIDTOP_HIDEPID_ROOT"

// The live case of TestRestrictedViewCounts: a fresh proc mounted with
// hidepid=2 in a mount namespace of the test's own, read by a process that
// then changed to user nobody. It sees only nobody's processes, itself among
// them, with no errors; the first look and the snapshot say the view is
// restricted; and the counts are of its rows, the running one too.
func TestRestrictedViewLive(t *testing.T) {
	if dir := os.Getenv(hidepidEnv); dir != "" {
		readHidden(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("mounts a proc in a mount namespace of its own")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to make a mount namespace and mount a proc in it")
	}
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} { // for nobody to reach
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRestrictedViewLive$", "-test.v")
	cmd.Env = append(os.Environ(), hidepidEnv+"="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	out, err := cmd.CombinedOutput()
	switch {
	case errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EINVAL):
		t.Skipf("no mount namespace here: %v", err)
	case err != nil:
		t.Fatalf("child: %v\n%s", err, out)
	case bytes.Contains(out, []byte("--- SKIP")):
		t.Skipf("child skipped:\n%s", out)
	}
	t.Logf("child:\n%s", out)
}

// readHidden is TestRestrictedViewLive's child, in a mount namespace of its
// own: it mounts a proc with hidepid=2 at dir, becomes nobody and reads it.
func readHidden(t *testing.T, dir string) {
	if err := unix.Mount("proc", dir, "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "hidepid=2"); err != nil {
		t.Skipf("mount proc with hidepid=2 at %s: %v", dir, err)
	}
	const nobody = 65534
	if err := syscall.Setgroups(nil); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setgid(nobody); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setuid(nobody); err != nil {
		t.Fatal(err)
	}
	// A change of user leaves a process undumpable, and the kernel hides an
	// undumpable process's /proc/PID from its own user as well.
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 1, 0, 0, 0); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{FirstRows: 10, newSource: func() (source, error) {
		return newLinuxSource(procfs.ReaderConfig{Root: dir, FDBudget: 64})
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if f := c.first(); f == nil || !f.System.Restricted || f.System.Known&SysKnownTasks != 0 {
		t.Errorf("first look: %+v", f)
	}
	s := c.Collect()
	sys := s.System
	if !sys.Restricted || s.Cost.Errors != 0 || s.Cost.Denied != 0 {
		t.Errorf("restricted %v, %d errors (%s), %d denied", sys.Restricted, s.Cost.Errors, s.Cost.LastErr, s.Cost.Denied)
	}
	tasks, running := 0, 0
	for _, p := range s.Procs {
		if p.Is(FlagExited) {
			continue
		}
		tasks++
		if p.State == 'R' {
			running++
		}
		if p.UID() != nobody || !p.Known.Has(KnownUser) {
			t.Errorf("pid %d (%s) of uid %d is shown to nobody", p.PID, p.Name, p.UID())
		}
	}
	if findPID(s, os.Getpid(), 0) == nil {
		t.Errorf("this process (pid %d) is not among the %d it sees", os.Getpid(), tasks)
	}
	t.Logf("sees %d tasks, %d thr, %d running", sys.Tasks, sys.Threads, sys.Running)
	if sys.Tasks != tasks || sys.Running != running || sys.KernelThreads != 0 {
		t.Errorf("counts %d tasks, %d running, %d kthr; the rows: %d tasks, %d running",
			sys.Tasks, sys.Running, sys.KernelThreads, tasks, running)
	}
}
