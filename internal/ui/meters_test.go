package ui_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// TestCPUBarsColumns checks htop's layouts: CPU bars in one column up to 4 CPUs,
// two up to 16, four beyond; the other meters and texts below or beside them.
func TestCPUBarsColumns(t *testing.T) {
	bar := regexp.MustCompile(`\s*(\d+)\[[ |]*[\d.]+%\]`)
	for _, c := range []struct{ cpus, perLine int }{{2, 1}, {4, 1}, {12, 2}, {64, 4}} {
		t.Run(fmt.Sprint(c.cpus), func(t *testing.T) {
			h := start(t, ui.Config{})
			s := uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"))
			s.System.CPUs = make([]collect.CPUShare, c.cpus)
			for i := range s.System.CPUs {
				s.System.CPUs[i] = collect.CPUShare{User: float64(i % 100), Idle: 100 - float64(i%100)}
			}
			h.publishSnap(t, s)
			lines := h.Lines()
			seen := 0
			for _, l := range lines[:header(lines)] {
				n := len(bar.FindAllString(l, -1))
				if n > 0 && n != c.perLine {
					t.Fatalf("%d CPU bars on a line, want %d:\n%s", n, c.perLine, strings.Join(lines[:header(lines)], "\n"))
				}
				seen += n
			}
			if seen != c.cpus {
				t.Fatalf("%d CPU bars, want %d", seen, c.cpus)
			}
			for _, want := range []string{"Avg[", "Mem[", "Swp[", "Tasks: 1,", "Load average: 0.50 0.25 0.12", "Uptime: 00:00:01"} {
				if !strings.Contains(strings.Join(lines, "\n"), want) {
					t.Errorf("header lacks %q", want)
				}
			}
		})
	}
}

func TestUnknownSystemFigures(t *testing.T) {
	h := start(t, ui.Config{})
	s := uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"))
	s.System.Known = collect.SysKnownUptime
	h.publishSnap(t, s)
	text := h.Text()
	for _, want := range []string{"Avg[", "Mem[", "Swp[", "N/A]", "Load average: N/A"} {
		if !strings.Contains(text, want) {
			t.Errorf("header lacks %q:\n%s", want, text)
		}
	}
}

func TestUnknownProcessFieldsShowNA(t *testing.T) {
	p := uitest.Proc(7, 1, "root", "/bin/secret")
	p.Known &^= collect.KnownRes | collect.KnownShr | collect.KnownUser
	h := start(t, ui.Config{}, p)
	l := h.WaitText(t, "/bin/secret")
	for _, line := range l {
		if strings.Contains(line, "/bin/secret") && strings.Count(line, "N/A") != 4 { // USER RES SHR MEM%
			t.Fatalf("want N/A for user, RES, SHR and MEM%%: %q", line)
		}
	}
}

// A first look (a partial snapshot) has no task counts: the header says so
// rather than count its few processes; the first full snapshot counts them.
func TestPartialSnapshotCountsNoTasks(t *testing.T) {
	h := start(t, ui.Config{})
	s := uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(2, 1, "root", "/usr/sbin/cron"))
	s.Partial, s.Tick = true, 0
	s.System.Known &^= collect.SysKnownTasks
	h.publishSnap(t, s)
	if text := h.Text(); !strings.Contains(text, "Tasks: counting…") || strings.Contains(text, "Tasks: 2") ||
		!strings.Contains(text, "/usr/sbin/cron") {
		t.Errorf("first look's header:\n%s", text)
	}
	h.publishSnap(t, uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(2, 1, "root", "/usr/sbin/cron")))
	if text := h.Text(); !strings.Contains(text, "Tasks: 2,") || strings.Contains(text, "counting") {
		t.Errorf("full snapshot's header:\n%s", text)
	}
}

// A restricted view (hidepid) says so in the Tasks line, ahead of the counts
// so that an 80-column header keeps it, and does not claim "0 kthr": kernel
// threads are hidden from it, not absent. A first look of one says so too.
func TestRestrictedViewHeader(t *testing.T) {
	h := start(t, ui.Config{})
	// Only once the viewer has set the screen up (Init sets the simulated
	// size): a resize before that raced with it and was lost.
	h.WaitText(t, "PID")
	h.Resize(80, 25)
	s := uitest.Snapshot(uitest.Proc(4242, 1, "nobody", "sh"))
	s.System.Restricted, s.System.Threads = true, 3
	h.publishSnap(t, s)
	lines := h.WaitFor(t, "a restricted Tasks line", func(lines []string) bool {
		return strings.Contains(strings.Join(lines, "\n"), "Tasks (restricted): 1, 3 thr; ")
	})
	if text := strings.Join(lines, "\n"); strings.Contains(text, "kthr") || !strings.Contains(text, " running") {
		t.Errorf("restricted header:\n%s", text)
	}
	s = uitest.Snapshot(uitest.Proc(4242, 1, "nobody", "sh"))
	s.Partial, s.Tick, s.System.Restricted = true, 0, true
	s.System.Known &^= collect.SysKnownTasks
	h.publishSnap(t, s)
	h.WaitText(t, "Tasks (restricted): counting…")
}

// The Tasks meter's first number is htop's: processes without the kernel
// threads, which have their own count ("Tasks: 92, 39 thr, 60 kthr" was 32).
func TestTasksMeterCountsProcessesAsHtop(t *testing.T) {
	h := start(t, ui.Config{})
	s := uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"))
	s.System.Tasks, s.System.Threads, s.System.KernelThreads, s.System.Running = 92, 39, 60, 1
	h.publishSnap(t, s)
	if text := h.Text(); !strings.Contains(text, "Tasks: 32, 39 thr, 60 kthr; 1 running") {
		t.Errorf("Tasks meter:\n%s", text)
	}
}
