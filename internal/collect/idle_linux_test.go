package collect

import (
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// idleCollector is a live collector with SkipIdle, or skips the test where the
// kernel keeps no schedstat counters.
func idleCollector(t *testing.T, cfg Config) (*Collector, *linuxSource) {
	t.Helper()
	cfg.SkipIdle = true
	c := liveCollector(t, cfg)
	src := c.src.(*linuxSource)
	if !src.schedOK {
		t.Skip("this kernel keeps no /proc/PID/schedstat run time")
	}
	return c, src
}

// sleeping waits until pid's record shows it asleep (past its exec) and returns
// the snapshot that shows it.
func sleeping(t *testing.T, c *Collector, pid int, comm string) *Snapshot {
	t.Helper()
	for range 500 {
		s := c.Collect()
		if p := findPID(s, pid, 0); p != nil && p.Name == comm && p.State == 'S' {
			return s
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("pid %d never slept as %s", pid, comm)
	return nil
}

// TestLiveSkipIdleKeepsRecord checks that a sleeping process's stat is left
// unread on the ticks after its first full ones, and that what the snapshot
// shows of it stays what a full read shows.
func TestLiveSkipIdleKeepsRecord(t *testing.T) {
	child := spawn(t, "sleep", "60.75")
	pid := child.Process.Pid
	c, _ := idleCollector(t, Config{Needs: NeedCmdline})
	full := liveCollector(t, Config{Needs: NeedCmdline})
	sleeping(t, c, pid, "sleep")
	idle := 0
	for range 4 {
		s := c.Collect()
		idle += s.Cost.Idle
		got := findPID(s, pid, 0)
		want := findPID(full.Collect(), pid, 0)
		if got == nil || want == nil {
			t.Fatal("sleeper not listed")
		}
		if got.ID != want.ID || got.PPID != want.PPID || got.State != want.State || got.Nice != want.Nice ||
			got.CPUTime() != want.CPUTime() || got.VirtBytes != want.VirtBytes || got.Cmdline() != want.Cmdline() ||
			got.User() != want.User() || got.CPUPercent != 0 || got.Is(FlagNew) {
			t.Errorf("skipped record %+v\nfull read %+v", *got, *want)
		}
	}
	if idle == 0 {
		t.Error("no process was left unread in four ticks (Cost.Idle 0)")
	}
}

// TestLiveSkipIdleSeesWork checks that a process that ran between two ticks is
// read again: its CPU time grows in the snapshot.
func TestLiveSkipIdleSeesWork(t *testing.T) {
	// The shell waits for a line, then spins for ~0.2 s, then waits again.
	child, stdin := spawnPiped(t, "sh", "-c", `read x; i=0; while [ $i -lt 40000 ]; do i=$((i+1)); done; read y`)
	pid := child.Process.Pid
	c, _ := idleCollector(t, Config{})
	s := sleeping(t, c, pid, "sh")
	s = c.Collect()
	before := findPID(s, pid, 0).CPUTime()
	if _, err := stdin.Write([]byte("go\n")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		p := findPID(c.Collect(), pid, 0)
		if p == nil {
			t.Fatal("shell gone")
		}
		if p.CPUTime() > before && p.State == 'S' {
			return // it ran, and is back asleep in read: both were seen
		}
	}
	t.Errorf("a process that ran never showed more CPU time than %v", before)
}

// TestLiveSkipIdleOrphan checks that a sleeping process whose parent exits is
// read again at once: its parent changes without it running.
func TestLiveSkipIdleOrphan(t *testing.T) {
	parent := exec.Command("sh", "-c", `sleep 60.5 & echo $!; read x`)
	stdout, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	_, stdin := startPiped(t, parent)
	line := make([]byte, 32)
	n, err := stdout.Read(line)
	orphan, perr := strconv.Atoi(strings.TrimSpace(string(line[:n])))
	if err != nil || perr != nil {
		t.Fatalf("no PID from the shell: %q %v %v", line[:n], err, perr)
	}
	t.Cleanup(func() { syscall.Kill(orphan, syscall.SIGKILL) })

	c, _ := idleCollector(t, Config{})
	sleeping(t, c, orphan, "sleep")
	idle := 0
	for range 3 {
		s := c.Collect()
		idle += s.Cost.Idle
		if p := findPID(s, orphan, 0); p == nil || int(p.PPID) != parent.Process.Pid {
			t.Fatalf("sleeper's parent: %+v, want %d", p, parent.Process.Pid)
		}
	}
	if idle == 0 {
		t.Skip("no process was left unread: nothing to check") // a machine too busy to sleep
	}
	stdin.Close() // the shell's read ends, and so does the shell
	parent.Wait()
	p := findPID(c.Collect(), orphan, 0)
	if p == nil {
		t.Fatal("orphan not listed")
	}
	if int(p.PPID) == parent.Process.Pid {
		t.Errorf("orphan still shows its exited parent %d", p.PPID)
	}
}

// TestLiveSkipIdleRenice checks that a sleeping process reniced by another one
// shows its new nice value at once on screen and with NeedFresh.
func TestLiveSkipIdleRenice(t *testing.T) {
	for _, tc := range []struct {
		name  string
		needs Needs
		shown bool
	}{{"on screen", 0, true}, {"NeedFresh", NeedFresh, false}} {
		t.Run(tc.name, func(t *testing.T) {
			child := spawn(t, "sleep", "60.25")
			pid := child.Process.Pid
			c, _ := idleCollector(t, Config{Needs: tc.needs})
			sleeping(t, c, pid, "sleep")
			c.Collect()
			to := otherNice(t, pid)
			if err := syscall.Setpriority(syscall.PRIO_PROCESS, pid, to); err != nil {
				t.Fatal(err)
			}
			if tc.shown {
				c.SetShown([]int32{int32(pid)})
			}
			p := findPID(c.Collect(), pid, 0)
			if p == nil || p.Nice != int32(to) {
				t.Errorf("after renice to %d: %+v", to, p)
			}
		})
	}
}

// TestLiveSkipIdleFreshEvery checks the bound on how long a process goes unread:
// within freshEvery ticks, a renice off screen shows.
func TestLiveSkipIdleFreshEvery(t *testing.T) {
	child := spawn(t, "sleep", "60.125")
	pid := child.Process.Pid
	c, _ := idleCollector(t, Config{})
	sleeping(t, c, pid, "sleep")
	if idle := c.Collect().Cost.Idle + c.Collect().Cost.Idle; idle == 0 {
		t.Skip("no process was left unread: nothing to check")
	}
	to := otherNice(t, pid)
	if err := syscall.Setpriority(syscall.PRIO_PROCESS, pid, to); err != nil {
		t.Fatal(err)
	}
	for i := range freshEvery + 1 {
		if p := findPID(c.Collect(), pid, 0); p != nil && p.Nice == int32(to) {
			return
		}
		if i == freshEvery {
			t.Errorf("renice unseen after %d ticks", freshEvery+1)
		}
	}
}

// TestMarkGone: the PIDs of the last listing missing from this one are filed as
// gone this tick (their children are read in full); listings that are not
// ascending file nothing.
func TestMarkGone(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, now []int32
		want     []int32
	}{
		{"exits and a fork", []int32{1, 5, 9, 12, 40}, []int32{1, 9, 13, 40, 41}, []int32{5, 12}},
		{"all gone", []int32{3, 4}, nil, []int32{3, 4}},
		{"none gone", []int32{3, 4}, []int32{2, 3, 4}, nil},
		{"old not ascending", []int32{9, 5}, []int32{1}, nil},
		{"new not ascending", []int32{7, 9}, []int32{8, 2, 9}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &linuxSource{gone: map[int32]uint32{}, sweep: 7}
			s.markGone(tc.old, tc.now)
			var got []int32
			for pid, sweep := range s.gone {
				if sweep != 7 {
					t.Errorf("PID %d filed under sweep %d, want 7", pid, sweep)
				}
				got = append(got, pid)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("gone %v, want %v", got, tc.want)
			}
		})
	}
}

// otherNice is a nice value for pid other than its own that this test may
// set: one lower priority, or, at 19 already, one higher for root; at 19 and
// unprivileged the test cannot renice, and skips.
func otherNice(t *testing.T, pid int) int {
	t.Helper()
	// getpriority's raw result is 20 - nice (the kernel avoids negative returns).
	prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, pid)
	if err != nil {
		t.Fatal(err)
	}
	nice := 20 - prio
	switch {
	case nice < 19:
		return nice + 1
	case os.Geteuid() == 0:
		return nice - 1
	}
	t.Skip("the child runs at nice 19 and raising its priority needs root")
	return 0
}

// TestLiveKeepIdle checks that with KeepIdle a sleeping process's kept record
// keeps its statm, io and status figures as a full read has them, and that
// its Extra is its own (the deriver writes into it).
func TestLiveKeepIdle(t *testing.T) {
	child := spawn(t, "sleep", "60.25")
	pid := child.Process.Pid
	needs := NeedShr | NeedIO | NeedCtxt
	c, _ := idleCollector(t, Config{Needs: needs, KeepIdle: true})
	full := liveCollector(t, Config{Needs: needs})
	prev := sleeping(t, c, pid, "sleep")
	kept := 0
	for range 4 {
		s := c.Collect()
		kept += s.Cost.Idle
		got, want := findPID(s, pid, 0), findPID(full.Collect(), pid, 0)
		if got == nil || want == nil {
			t.Fatal("sleeper not listed")
		}
		k := KnownShr | KnownIO | KnownCtxt
		if !got.Known.Has(k) || got.ResBytes != want.ResBytes || got.ShrBytes != want.ShrBytes ||
			got.ReadBytes != want.ReadBytes || got.X().CtxtSwitches != want.X().CtxtSwitches || got.CPUTime() != want.CPUTime() {
			t.Errorf("kept record %+v %+v\nfull read %+v %+v", *got, *got.X(), *want, *want.X())
		}
		if old := findPID(prev, pid, 0); old != nil && old.Extra != nil && old.Extra == got.Extra {
			t.Error("a kept record shares its Extra with the last snapshot's")
		}
		prev = s
	}
	if kept == 0 {
		t.Error("no process was kept in four ticks (Cost.Idle 0)")
	}
}
