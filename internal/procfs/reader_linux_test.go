package procfs

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func newTestReader(t *testing.T, budget int) *Reader {
	t.Helper()
	r, err := NewReader(ReaderConfig{FDBudget: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// startSleeper starts `sleep 60` and makes sure it is killed and reaped.
func startSleeper(t *testing.T) *exec.Cmd {
	t.Helper()
	c := exec.Command("sleep", "60")
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Process.Kill()
		c.Wait()
	})
	return c
}

func TestReaderListsAndReadsSelf(t *testing.T) {
	r := newTestReader(t, 100)
	pids, err := r.ListPIDs(nil)
	if err != nil {
		t.Fatal(err)
	}
	self := int32(os.Getpid())
	if !slices.Contains(pids, self) || !slices.Contains(pids, 1) {
		t.Fatalf("listing of %d PIDs lacks self %d or init", len(pids), self)
	}
	var s Stat
	if err := r.ReadStat(self, &s); err != nil {
		t.Fatal(err)
	}
	if s.PID != self || s.PPID != int32(os.Getppid()) || (s.State != 'R' && s.State != 'S') {
		t.Errorf("self stat: pid %d ppid %d state %c", s.PID, s.PPID, s.State)
	}
	var m Statm
	if err := r.ReadStatm(self, &m); err != nil || m.Resident == 0 || m.Size < m.Resident {
		t.Errorf("self statm %+v, %v", m, err)
	}
	if st := r.Stats(); st.KeptFDs != 2 {
		t.Errorf("kept fds = %d, want 2 (stat and statm)", st.KeptFDs)
	}
	uid, err := r.UID(self)
	if err != nil || uid != uint32(os.Getuid()) {
		t.Errorf("uid %d, %v; want %d", uid, err, os.Getuid())
	}
	exe, err := r.Readlink(self, "exe")
	if want, _ := os.Executable(); err != nil || exe != want {
		t.Errorf("exe %q, %v; want %q", exe, err, want)
	}
	tids, err := r.ListTasks(self, nil)
	if err != nil || !slices.Contains(tids, self) {
		t.Errorf("tasks %v, %v", tids, err)
	}
	if err := r.ReadTaskStat(self, tids[0], &s); err != nil {
		t.Error(err)
	}
}

// EachPID walks /proc in the listing's order and stops when told; a full walk
// sees what ListPIDs lists (but for processes that came or went between them).
func TestReaderEachPID(t *testing.T) {
	r := newTestReader(t, 0)
	var first []int32
	if err := r.EachPID(func(pid int32) bool { first = append(first, pid); return len(first) < 3 }); err != nil {
		t.Fatal(err)
	}
	var all []int32
	if err := r.EachPID(func(pid int32) bool { all = append(all, pid); return true }); err != nil {
		t.Fatal(err)
	}
	listed, err := r.ListPIDs(nil)
	if err != nil {
		t.Fatal(err)
	}
	self := int32(os.Getpid())
	if len(first) != min(3, len(all)) || !slices.Equal(first, all[:len(first)]) || first[0] != 1 {
		t.Errorf("stopped walk %v, full walk starts %v", first, all[:min(5, len(all))])
	}
	missing := 0 // from the walk, of the listing's PIDs: only what exited between them
	for _, pid := range listed {
		if _, ok := slices.BinarySearch(all, pid); !ok {
			missing++
		}
	}
	if !slices.IsSorted(all) || !slices.Contains(all, self) || missing > len(listed)/10 {
		t.Errorf("full walk of %d PIDs (sorted %v, self %v) misses %d of the listing's %d", len(all),
			slices.IsSorted(all), slices.Contains(all, self), missing, len(listed))
	}
}

// A kept descriptor of a reaped process must say "gone", never show another
// process's data; the PID's fds are then dropped.
func TestReaderKeptFDOfExitedProcess(t *testing.T) {
	r := newTestReader(t, 100)
	c := startSleeper(t)
	pid := int32(c.Process.Pid)
	var s Stat
	if err := r.ReadStat(pid, &s); err != nil {
		t.Fatal(err)
	}
	if r.Stats().KeptFDs != 1 {
		t.Fatalf("stat fd not kept")
	}
	c.Process.Kill()
	c.Wait()
	err := r.ReadStat(pid, &s)
	if !errors.Is(err, ErrGone) {
		t.Fatalf("read of reaped pid: %v, want ErrGone", err)
	}
	if n := r.Stats().KeptFDs; n != 0 {
		t.Errorf("%d fds still kept for a gone process", n)
	}
}

func TestReaderBudgetFallsBackToOpenReadClose(t *testing.T) {
	r := newTestReader(t, 1)
	var s Stat
	self := int32(os.Getpid())
	for range 3 {
		if err := r.ReadStat(self, &s); err != nil {
			t.Fatal(err)
		}
		if err := r.ReadStat(1, &s); err != nil {
			t.Fatal(err)
		}
	}
	st := r.Stats()
	if st.KeptFDs != 1 || st.Fallback != 3 || st.Preads != 6 || st.Opens != 4 {
		t.Errorf("stats %+v: want 1 kept fd, 3 fallback reads, 6 preads, 4 opens", st)
	}
}

func TestReaderSweepClosesUnlisted(t *testing.T) {
	r := newTestReader(t, 100)
	c := startSleeper(t)
	pid := int32(c.Process.Pid)
	var s Stat
	if _, err := r.ListPIDs(nil); err != nil {
		t.Fatal(err)
	}
	if err := r.ReadStat(pid, &s); err != nil {
		t.Fatal(err)
	}
	c.Process.Kill()
	c.Wait()
	pids, _ := r.ListPIDs(nil)
	if slices.Contains(pids, pid) {
		t.Skip("pid reused already")
	}
	r.Sweep()
	if n := r.Stats().KeptFDs; n != 0 {
		t.Errorf("sweep left %d fds", n)
	}
}

func TestReaderVanishedProcessIsGone(t *testing.T) {
	r := newTestReader(t, 0)
	c := startSleeper(t)
	pid := int32(c.Process.Pid)
	pids, _ := r.ListPIDs(nil)
	if !slices.Contains(pids, pid) {
		t.Fatal("child not listed")
	}
	c.Process.Kill()
	c.Wait()
	var s Stat
	var m Statm
	for _, err := range []error{r.ReadStat(pid, &s), r.ReadStatm(pid, &m),
		func() error { _, err := r.ReadFile(pid, "cmdline"); return err }(),
		func() error { _, err := r.UID(pid); return err }(),
		func() error { _, err := r.Readlink(pid, "exe"); return err }()} {
		if !errors.Is(err, ErrGone) {
			t.Errorf("got %v, want ErrGone", err)
		}
	}
}

func TestAppendDirentPIDsRejectsNonNumeric(t *testing.T) {
	var b []byte
	for _, name := range []string{"1", "self", "42", "12a", "4294967296", "0", "sys"} {
		rec := make([]byte, 19+len(name)+1)
		rec = append(rec[:0], make([]byte, 19)...)
		rec = append(rec, name...)
		rec = append(rec, 0)
		for len(rec)%8 != 0 {
			rec = append(rec, 0)
		}
		rec[16], rec[17] = byte(len(rec)), byte(len(rec)>>8)
		b = append(b, rec...)
	}
	got := appendDirentPIDs(b, nil)
	if !slices.Equal(got, []int32{1, 42}) {
		t.Errorf("got %v, want [1 42]", got)
	}
}

// Files longer than the buffer are read whole (the buffer grows), and a file
// that fits is read with one pread.
func TestReaderReadsLongFilesWhole(t *testing.T) {
	r := newTestReader(t, 10)
	r.buf = make([]byte, 16) // force growth
	b, err := r.ReadFile(int32(os.Getpid()), "status")
	if err != nil {
		t.Fatal(err)
	}
	// The figures move between two reads; the lines are the same.
	want, _ := os.ReadFile("/proc/self/status")
	if len(b) < 500 || string(b[:5]) != "Name:" || bytes.Count(b, []byte("\n")) != bytes.Count(want, []byte("\n")) {
		t.Errorf("read %d bytes, want about %d, Name: first, every line", len(b), len(want))
	}
	var s Stat
	self := int32(os.Getpid())
	r.ReadStat(self, &s)
	before := r.Stats().Preads
	r.ReadStat(self, &s)
	if n := r.Stats().Preads - before; n != 1 {
		t.Errorf("a kept stat took %d preads, want 1", n)
	}
}

// A budget larger than the descriptors the process may open (EMFILE) shrinks
// instead of failing reads.
func TestReaderShrinksBudgetOnEMFILE(t *testing.T) {
	if testing.Short() {
		t.Skip("changes RLIMIT_NOFILE in a child")
	}
	if os.Getenv("PIDTOP_EMFILE_CHILD") == "1" {
		var lim unix.Rlimit
		unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)
		lim.Cur = 64
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
			t.Fatal(err)
		}
		r, err := NewReader(ReaderConfig{FDBudget: 1000}) // far more than 64
		if err != nil {
			t.Fatal(err)
		}
		pids, _ := r.ListPIDs(nil)
		var s Stat
		failed := 0
		for _, pid := range pids {
			if err := r.ReadStat(pid, &s); err != nil && !errors.Is(err, ErrGone) {
				failed++
			}
		}
		if failed > 0 || len(pids) < 70 {
			t.Fatalf("%d of %d reads failed (kept %d)", failed, len(pids), r.Stats().KeptFDs)
		}
		return
	}
	for range 80 { // more processes than the child's descriptors
		startSleeper(t)
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestReaderShrinksBudgetOnEMFILE$")
	cmd.Env = append(os.Environ(), "PIDTOP_EMFILE_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func TestReaderForgetStatmKeepsStat(t *testing.T) {
	r := newTestReader(t, 100)
	c := startSleeper(t)
	pid := int32(c.Process.Pid)
	var s Stat
	var m Statm
	if err := r.ReadStat(pid, &s); err != nil {
		t.Fatal(err)
	}
	if err := r.ReadStatm(pid, &m); err != nil {
		t.Fatal(err)
	}
	if got := r.Stats().KeptFDs; got != 2 {
		t.Fatalf("kept %d, want 2", got)
	}
	r.ForgetStatm(pid)
	r.ForgetStatm(pid) // twice: nothing left to close
	if got := r.Stats().KeptFDs; got != 1 {
		t.Fatalf("after ForgetStatm kept %d, want 1 (stat)", got)
	}
	opens := r.Stats().Opens
	if err := r.ReadStat(pid, &s); err != nil || r.Stats().Opens != opens {
		t.Fatalf("stat re-read: %v, opens %d -> %d (want the kept fd)", err, opens, r.Stats().Opens)
	}
	if err := r.ReadStatm(pid, &m); err != nil || m.Resident == 0 {
		t.Fatalf("statm reopened: %+v, %v", m, err)
	}
	if got := r.Stats().KeptFDs; got != 2 {
		t.Fatalf("statm kept again: %d fds, want 2", got)
	}
}

func TestProcDirChecksIdentity(t *testing.T) {
	c := startSleeper(t)
	pid := int32(c.Process.Pid)
	r := newTestReader(t, 0)
	var s Stat
	for i := 0; ; i++ {
		// Past the exec and asleep in sleep's nanosleep, so both reads see
		// the same mappings: comm changes when the exec begins, before the
		// dynamic loader maps the libraries.
		if err := r.ReadStat(pid, &s); err != nil {
			t.Fatal(err)
		}
		if string(s.Comm()) == "sleep" && s.State == 'S' || i == 10000 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	var m, want Statm
	d, err := OpenProcDir("/proc", pid, s.StartTime)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.ReadStatm(&m); err != nil {
		t.Fatal(err)
	}
	if b, err := d.ReadFile("cmdline"); err != nil || !bytes.HasPrefix(b, []byte("sleep\x0060\x00")) {
		t.Errorf("cmdline %q, %v", b, err)
	}
	if err := r.ReadStatm(pid, &want); err != nil {
		t.Fatal(err)
	}
	if m.Size != want.Size || m.Resident == 0 {
		t.Errorf("ProcDir statm %+v, Reader %+v", m, want)
	}
	// Another start time is another process: not opened.
	if d, err := OpenProcDir("/proc", pid, s.StartTime+1); !errors.Is(err, ErrGone) || d != nil {
		t.Errorf("wrong start time: %v; want ErrGone", err)
	}
	c.Process.Kill()
	c.Wait()
	// Opened before the process went: the reads through it fail, never read
	// whatever holds the PID now.
	if err := d.ReadStatm(&m); !errors.Is(err, ErrGone) {
		t.Errorf("read through the directory of a reaped process: %v, want ErrGone", err)
	}
	if _, err := OpenProcDir("/proc", pid, s.StartTime); !errors.Is(err, ErrGone) {
		t.Errorf("reaped process: %v, want ErrGone", err)
	}
}

// TestReaderUIDThroughKeptStat: the owner comes from the kept stat descriptor
// when there is one, and agrees with the /proc/PID directory's.
func TestReaderUIDThroughKeptStat(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to start a process as another user")
	}
	c := exec.Command("sleep", "60")
	c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	if err := c.Start(); err != nil {
		t.Skipf("cannot start as nobody: %v", err)
	}
	t.Cleanup(func() { c.Process.Kill(); c.Wait() })
	pid := int32(c.Process.Pid)
	probe := newTestReader(t, 0)
	var s Stat
	for i := 0; i < 10000; i++ { // past the exec, and so past the setuid before it
		if err := probe.ReadStat(pid, &s); err != nil {
			t.Fatal(err)
		}
		if string(s.Comm()) == "sleep" {
			break
		}
		time.Sleep(time.Millisecond)
	}
	for _, budget := range []int{100, 0} {
		r := newTestReader(t, budget)
		if err := r.ReadStat(pid, &s); err != nil {
			t.Fatal(err)
		}
		if got := r.Stats().KeptFDs; (budget > 0) != (got == 1) {
			t.Fatalf("budget %d: %d kept", budget, got)
		}
		if uid, err := r.UID(pid); err != nil || uid != 65534 {
			t.Errorf("budget %d: uid %d, %v; want 65534", budget, uid, err)
		}
	}
}
