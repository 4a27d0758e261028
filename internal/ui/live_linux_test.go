package ui_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// spawn starts a shell command in its own process group and kills the group
// (by its PID) and reaps the shell when the test ends.
func spawn(t *testing.T, script string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	return cmd
}

// liveFeed runs the real collector until the test ends.
func liveFeed(t *testing.T) *collect.Collector {
	t.Helper()
	if testing.Short() {
		t.Skip("reads the live system")
	}
	// As cmd/pidtop starts it: the first snapshot already has command lines (the
	// viewer's own SetNeeds reaches the collector only after that snapshot).
	c, err := collect.New(collect.Config{Interval: 300 * time.Millisecond,
		Needs: collect.NeedShr | collect.NeedCmdline})
	if err != nil {
		t.Skipf("no collector here: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done; c.Close() })
	return c
}

// marker is a sleep duration no other process on the machine has in its argv.
func marker() string { return fmt.Sprintf("3600.%d%d", os.Getpid(), time.Now().UnixNano()%100000) }

// waitChildren waits until pid has a child listed in /proc and returns it.
func waitChild(t *testing.T, pid int) int {
	t.Helper()
	deadline := time.Now().Add(uitest.Timeout)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
		if f := strings.Fields(string(b)); len(f) > 0 {
			n, _ := strconv.Atoi(f[0])
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("process %d got no child", pid)
	return 0
}

// TestTreeNestsSpawnedChain spawns parent → child → grandchild, all carrying a
// unique argument, and checks the tree view (filtered to that argument) nests
// them with the guide lines.
func TestTreeNestsSpawnedChain(t *testing.T) {
	feed := liveFeed(t)
	m := marker()
	parent := spawn(t, fmt.Sprintf("sh -c 'sleep %s; :' & wait", m))
	child := waitChild(t, parent.Process.Pid)
	grandchild := waitChild(t, child)

	h := start(t, ui.Config{Feed: feed, Tree: true, Filter: m})
	lines := h.WaitFor(t, "the chain", func(lines []string) bool { return len(pids(lines)) == 3 })
	got := pids(lines)
	if want := []int{parent.Process.Pid, child, grandchild}; intsText(got) != intsText(want) {
		t.Fatalf("rows %v, want parent, child, grandchild %v:\n%s", got, want, h.Text())
	}
	hd := header(lines)
	childCol := strings.Index(lines[hd+2], "└─")
	grandCol := strings.Index(lines[hd+3], "└─")
	if strings.Contains(lines[hd+1], "─") || childCol < 0 || grandCol <= childCol {
		t.Fatalf("not nested (child guide at %d, grandchild at %d):\n%s", childCol, grandCol, strings.Join(lines[hd:hd+4], "\n"))
	}

	t.Log("\n" + strings.Join(lines[hd:hd+4], "\n"))
	h.Type("t") // back to the list: no guides
	h.WaitGone(t, "└─")
}

// TestSearchFindsSpawnedProcess types a unique argument after / and checks the
// selection lands on the spawned process among all of the machine's.
func TestSearchFindsSpawnedProcess(t *testing.T) {
	feed := liveFeed(t)
	m := marker()
	cmd := spawn(t, "exec sleep "+m)
	pid := cmd.Process.Pid

	h := start(t, ui.Config{Feed: feed, SortKey: "pid"})
	h.WaitFor(t, "the process list", func(lines []string) bool { return len(pids(lines)) > 5 })
	h.Type("/")
	h.WaitText(t, "Search:")
	h.Type(m)
	h.waitSelected(t, pid)
	h.Key(tcell.KeyEnter)
	h.WaitGone(t, "Search:")
	h.waitSelected(t, pid)

	// digits alone find a PID
	h.Key(tcell.KeyHome)
	h.Type("/" + strconv.Itoa(pid))
	h.waitSelected(t, pid)
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "Search:")
}

func TestDetailsOfSelfFromProc(t *testing.T) {
	if testing.Short() {
		t.Skip("reads /proc")
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	feed := liveFeed(t)
	h := start(t, ui.Config{Feed: feed, PIDs: []int32{int32(os.Getpid())}})
	h.WaitFor(t, "this test process", func(lines []string) bool { return len(pids(lines)) == 1 })
	h.Key(tcell.KeyEnter)
	text := strings.Join(h.WaitText(t, "Open files:"), "\n")
	wd, _ := os.Getwd()
	for _, want := range []string{"Working dir:   " + wd, "Ctx switches", "I/O read"} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
}
