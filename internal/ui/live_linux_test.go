package ui_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	if strings.HasPrefix(script, "exec ") {
		// Past the exec before anything reads it: a stat read while the comm
		// is still sh, beside a command line read after the exec, would give a
		// row named sh for one tick.
		for deadline := time.Now().Add(uitest.Timeout); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", cmd.Process.Pid)); err != nil || string(b) != "sh\n" {
				break
			}
		}
	}
	return cmd
}

// liveFeed runs the real collector until the test ends.
func liveFeed(t *testing.T) *collect.Collector {
	t.Helper()
	// The first snapshot already has command lines (the viewer's own SetNeeds
	// reaches the collector only after that snapshot).
	return runCollector(t, collect.Config{Interval: 300 * time.Millisecond,
		Needs: collect.NeedShr | collect.NeedCmdline})
}

// runCollector runs a real collector with cfg until the test ends.
func runCollector(t *testing.T, cfg collect.Config) *collect.Collector {
	t.Helper()
	if testing.Short() {
		t.Skip("reads the live system")
	}
	c, err := collect.New(cfg)
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

	h := start(t, ui.Config{Feed: feed, Filter: m, Settings: uitest.Settings(uitest.Tree)})
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

	h := start(t, ui.Config{Feed: feed, Settings: uitest.Settings(uitest.SortBy("pid"))})
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

// shownRecorder is the live collector, recording what the viewer tells it about
// the rows on screen.
type shownRecorder struct {
	*collect.Collector
	mu    sync.Mutex
	needs collect.Needs
	shown []int32
	fills int
}

func (f *shownRecorder) SetNeeds(n collect.Needs) {
	f.mu.Lock()
	f.needs = n
	f.mu.Unlock()
	f.Collector.SetNeeds(n)
}

func (f *shownRecorder) SetShown(pids []int32) {
	f.mu.Lock()
	f.shown = pids
	f.mu.Unlock()
	f.Collector.SetShown(pids)
}

func (f *shownRecorder) Fill(ps []collect.Process, memTotal uint64, done func([]collect.Process)) bool {
	f.mu.Lock()
	f.fills += len(ps)
	f.mu.Unlock()
	return f.Collector.Fill(ps, memTotal, done)
}

func (f *shownRecorder) state() (collect.Needs, []int32, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.needs, f.shown, f.fills
}

// TestShownRowsOnlyReadStatm: with the live collector the viewer asks for statm
// (SHR, exact RES) only for the rows on screen, names them to the collector, has
// none drawn without SHR, and asks for every process's statm when sorted by MEM%.
func TestShownRowsOnlyReadStatm(t *testing.T) {
	a, b := spawn(t, "exec sleep "+marker()), spawn(t, "exec sleep "+marker())
	feed := &shownRecorder{Collector: liveFeed(t)}
	show := []int32{int32(a.Process.Pid), int32(b.Process.Pid)}
	slices.Sort(show)
	h := start(t, ui.Config{Feed: feed, PIDs: show, Settings: uitest.Settings(uitest.SortBy("pid"))})
	h.WaitFor(t, "both sleepers with SHR", func(lines []string) bool {
		return len(pids(lines)) == 2 && !strings.Contains(strings.Join(lines, "\n"), "N/A")
	})
	h.WaitFor(t, "the rows named to the collector", func([]string) bool {
		_, shown, _ := feed.state()
		return slices.Equal(shown, show)
	})
	needs, _, _ := feed.state()
	if needs&collect.NeedShrShown == 0 || needs&collect.NeedShr != 0 {
		t.Errorf("needs %b sorted by PID: want statm for the rows on screen only", needs)
	}
	// Once named (and a tick that read them has passed), the collector reads
	// them every tick: no more one-off reads. The ticks are 300 ms apart.
	time.Sleep(time.Second)
	_, _, fills := feed.state()
	time.Sleep(time.Second)
	if _, _, f := feed.state(); f != fills {
		t.Errorf("one-off statm reads went on after the rows were named: %d, then %d", fills, f)
	}
	if strings.Contains(h.Text(), "N/A") {
		t.Errorf("a row without SHR:\n%s", h.Text())
	}
	h.Type("M")
	h.WaitFor(t, "statm for every process when sorted by MEM%", func([]string) bool {
		n, _, _ := feed.state()
		return n&collect.NeedShr != 0
	})
}
