package ui_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/control"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// statField returns field n (1-based, as proc(5) numbers them) of /proc/PID/stat.
func statField(t *testing.T, pid, n int) string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return f[n-3]
}

// acting runs the viewer on the live collector, showing only the PIDs show, with the
// action keys; the watch is long so no message depends on the machine's speed.
func acting(t *testing.T, c ui.ActionConfig, show ...int) *harness {
	t.Helper()
	feed := liveFeed(t)
	if c.Watch == 0 {
		c.Watch = uitest.Timeout
	}
	cfg := ui.Config{Feed: feed, Bindings: ui.ActionBindings(c), Settings: uitest.Settings(uitest.SortBy("pid"))}
	for _, p := range show {
		cfg.PIDs = append(cfg.PIDs, int32(p))
	}
	h := start(t, cfg)
	// Listed, and past their exec: a row still showing "sh -c exec …" would make
	// the action's message name sh instead of the program.
	h.WaitFor(t, "the spawned processes", func(lines []string) bool {
		return len(pids(lines)) == len(cfg.PIDs) && !strings.Contains(strings.Join(lines, "\n"), "sh -c exec")
	})
	return h
}

// killedBy reaps a spawned process and fails the test unless sig killed it.
func killedBy(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) {
	t.Helper()
	_ = cmd.Wait()
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
		t.Errorf("pid %d ended with %v, want %v", cmd.Process.Pid, ws, sig)
	}
}

// TestKillMenuSendsSIGTERM: k opens the menu on SIGTERM, Enter kills the spawned
// sleep, and the status line says how it was sent and that it exited; on the
// pidfd path and on the forced fallback.
func TestKillMenuSendsSIGTERM(t *testing.T) {
	for _, c := range []struct {
		name string
		opt  control.Options
		via  string
	}{
		{"pidfd", control.Options{}, "via pidfd"},
		{"fallback", control.Options{ForcePoll: true}, "via kill (fallback)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := spawn(t, "exec sleep "+marker())
			pid := cmd.Process.Pid
			h := acting(t, ui.ActionConfig{Control: c.opt}, pid)
			h.Type("k")
			lines := h.WaitText(t, fmt.Sprintf("Signal pid %d (sleep)", pid))
			if !strings.Contains(strings.Join(lines, "\n"), "Terminate gracefully") {
				t.Errorf("the menu lacks the graceful entry:\n%s", h.Text())
			}
			h.Key(tcell.KeyEnter) // SIGTERM is preselected
			h.WaitText(t, fmt.Sprintf("SIGTERM sent to pid %d (sleep) %s; it exited", pid, c.via))
			killedBy(t, cmd, syscall.SIGTERM)
			t.Log(h.Lines()[len(h.Lines())-2]) // the status line, above the function bar
		})
	}
}

// TestKillTaggedPair tags two sleeps and signals both with one menu choice.
func TestKillTaggedPair(t *testing.T) {
	m := marker()
	a, b := spawn(t, "exec sleep "+m), spawn(t, "exec sleep "+m)
	h := acting(t, ui.ActionConfig{}, a.Process.Pid, b.Process.Pid)
	h.Type("  ") // Space tags and moves down
	h.WaitText(t, "2 tagged")
	h.Key(tcell.KeyF9)
	h.WaitText(t, "Signal 2 tagged processes")
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "SIGTERM to 2 processes: 2 sent and exited")
	h.WaitGone(t, "tagged") // the tags were for this action
	killedBy(t, a, syscall.SIGTERM)
	killedBy(t, b, syscall.SIGTERM)
}

// TestKillRefusesReusedPID shows a row whose start time does not match the live
// process at that PID (as after the row's process exited and the PID was
// reused): the signal is refused, said so, and the live process lives on.
func TestKillRefusesReusedPID(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	startTicks, _ := strconv.ParseUint(statField(t, pid, 22), 10, 64)
	p := uitest.Proc(int32(pid), 1, "root", "sleep 3600")
	p.Start = startTicks + 1
	h := start(t, ui.Config{Bindings: ui.ActionBindings(ui.ActionConfig{})}, p)
	h.Type("k")
	h.WaitText(t, "Signal pid")
	h.Key(tcell.KeyEnter)
	h.WaitText(t, fmt.Sprintf("SIGTERM not sent to pid %d (sleep): the process has exited; PID now belongs to another process", pid))
	// Not stopped, not dead: D is a sleep too, seen while a busy machine pages.
	if err := syscall.Kill(pid, 0); err != nil || strings.ContainsAny(statField(t, pid, 3), "TtZX") {
		t.Fatalf("the live process at pid %d was hit: kill 0: %v, state %s", pid, err, statField(t, pid, 3))
	}
}

// TestReadOnlyRefusesEveryAction presses every action key under --readonly.
func TestReadOnlyRefusesEveryAction(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	p := uitest.Proc(int32(pid), 1, "root", "sleep 3600")
	p.Start, _ = strconv.ParseUint(statField(t, pid, 22), 10, 64)
	nice := statField(t, pid, 19) // the test's own: it may run under nice -n 5
	h := start(t, ui.Config{ReadOnly: true, Bindings: ui.ActionBindings(ui.ActionConfig{})}, p)
	for _, k := range []struct {
		press func()
		name  string
	}{
		{func() { h.Type("k") }, "kill"}, {func() { h.Key(tcell.KeyF9) }, "kill"},
		{func() { h.Type("]") }, "renice"}, {func() { h.Key(tcell.KeyF7) }, "renice"},
		{func() { h.Type("[") }, "renice"}, {func() { h.Key(tcell.KeyF8) }, "renice"},
		{func() { h.Type("n") }, "renice"}, {func() { h.Type("W") }, "wait"},
		{func() { h.Type("i") }, "I/O priority"}, {func() { h.Type("a") }, "CPU affinity"},
		{func() { h.Type("Y") }, "scheduling policy"},
	} {
		k.press()
		h.WaitText(t, "read-only mode: "+k.name+" is disabled")
		h.Type("P") // any key clears the message
		h.WaitGone(t, "read-only mode")
	}
	h.Key(tcell.KeyF1)
	for range 30 { // the help is longer than the screen: its last lines
		h.Key(tcell.KeyDown)
	}
	h.WaitText(t, "(disabled: read")
	if err := syscall.Kill(pid, 0); err != nil || statField(t, pid, 19) != nice {
		t.Fatalf("read-only mode touched pid %d: %v, nice %s", pid, err, statField(t, pid, 19))
	}
	if io, pol := ioprioOf(t, pid), policyOf(t, pid); io == "idle" || pol != "SCHED_OTHER" {
		t.Fatalf("read-only mode touched pid %d: I/O priority %s, policy %s", pid, io, pol)
	}
}

// TestReniceKeys: F8 lowers a spawned child's priority by one, n sets an exact
// value from the menu; both read back from /proc/PID/stat.
func TestReniceKeys(t *testing.T) {
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	// The child has the test's nice value, which need not be 0 (nice -n 5
	// make test): F8 lowers it by one from there.
	n0, _ := strconv.Atoi(statField(t, pid, 19))
	h := acting(t, ui.ActionConfig{}, pid)
	if n0 < 19 {
		h.Key(tcell.KeyF8)
		h.WaitText(t, fmt.Sprintf("pid %d (sleep): nice %d → %d via pidfd", pid, n0, n0+1))
		if got := statField(t, pid, 19); got != strconv.Itoa(n0+1) {
			t.Fatalf("nice after F8 is %s, want %d", got, n0+1)
		}
	}
	h.Type("n")
	h.WaitText(t, "Nice value for pid")
	h.Key(tcell.KeyEnd) // 19, the lowest priority
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "→ 19 via pidfd")
	if got := statField(t, pid, 19); got != "19" {
		t.Fatalf("nice after n/End is %s, want 19", got)
	}
	h.WaitFor(t, "NI 19 in the table", func(lines []string) bool {
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 3 && f[0] == strconv.Itoa(pid) && f[3] == "19" {
				return true
			}
		}
		return false
	})
	h.Key(tcell.KeyF8) // the end of the range
	h.WaitText(t, "nice is already 19")
}

// TestWaitReportsExitStatus: W on a shell that exits with status 3.
func TestWaitReportsExitStatus(t *testing.T) {
	cmd := spawn(t, "sleep 0.3; exit 3")
	pid := cmd.Process.Pid
	h := acting(t, ui.ActionConfig{}, pid)
	h.Type("W")
	h.WaitText(t, fmt.Sprintf("pid %d (sh) exited with status 3 after", pid))
	t.Log(h.Lines()[len(h.Lines())-2]) // the status line, above the function bar
}

// TestTerminateEscalates runs "terminate gracefully" on a process that ignores
// SIGTERM: after the grace period it is killed with SIGKILL.
func TestTerminateEscalates(t *testing.T) {
	cmd := spawn(t, "trap '' TERM; exec sleep "+marker())
	pid := cmd.Process.Pid
	h := acting(t, ui.ActionConfig{Grace: 200 * time.Millisecond}, pid)
	h.Type("k")
	h.WaitText(t, "Terminate gracefully: SIGTERM, then SIGKILL after 200 ms")
	h.Key(tcell.KeyHome)
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "of SIGTERM; SIGKILL sent: it was killed by SIGKILL")
	killedBy(t, cmd, syscall.SIGKILL)
	t.Log(h.Lines()[len(h.Lines())-2]) // the status line, above the function bar
}

// TestWaitsEndWithTheViewer starts two waits, quits, and checks that Run's
// return left no wait running (and the processes alive).
func TestWaitsEndWithTheViewer(t *testing.T) {
	m := marker()
	a, b := spawn(t, "exec sleep "+m), spawn(t, "exec sleep "+m)
	h := acting(t, ui.ActionConfig{}, a.Process.Pid, b.Process.Pid)
	h.Type("W")
	h.WaitText(t, fmt.Sprintf("waiting for pid %d", a.Process.Pid))
	h.Key(tcell.KeyDown)
	h.Type("W")
	h.WaitText(t, fmt.Sprintf("waiting for pid %d", b.Process.Pid))
	h.Type("W")
	h.WaitText(t, fmt.Sprintf("already waiting for pid %d", b.Process.Pid))
	if n := waiters(t, 2); n != 2 {
		t.Fatalf("%d waits running, want 2", n)
	}
	h.Type("q")
	if err := h.wait(); err != nil {
		t.Fatal(err)
	}
	if n := waiters(t, 0); n > 0 {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines still wait after Run returned:\n%s", n, buf[:runtime.Stack(buf, true)])
	}
	for _, c := range []*exec.Cmd{a, b} {
		// Alive and neither stopped nor dead; a sleep seen under load may be
		// R or D for a moment.
		if err := syscall.Kill(c.Process.Pid, 0); err != nil || strings.ContainsAny(statField(t, c.Process.Pid, 3), "TtZX") {
			t.Errorf("pid %d did not survive the cancelled wait: %v, state %s", c.Process.Pid, err, statField(t, c.Process.Pid, 3))
		}
	}
}

// waiters counts the goroutines inside control.Wait, polling until there are
// want of them (a goroutine enters a moment after it is started and leaves a
// moment after its last defer) or uitest.Timeout passes.
func waiters(t *testing.T, want int) int {
	t.Helper()
	buf := make([]byte, 1<<20)
	deadline := time.Now().Add(uitest.Timeout)
	for {
		n := strings.Count(string(buf[:runtime.Stack(buf, true)]), "internal/control.Wait(")
		if n == want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}
