package ui_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/control"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// liveTarget is pid as control names it, with its start time from /proc.
func liveTarget(t *testing.T, pid int) control.Target {
	t.Helper()
	start, err := strconv.ParseUint(statField(t, pid, 22), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return control.Target{PID: pid, Start: start}
}

// ioprioOf is pid's I/O priority as the kernel reports it (ioprio_get, the
// reader internal/control tests against the raw system call): "be/4", "idle".
func ioprioOf(t *testing.T, pid int) string {
	t.Helper()
	p, err := control.IOPriorityOf(liveTarget(t, pid), control.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p.String()
}

// policyOf is pid's scheduling policy as the kernel reports it
// (sched_getscheduler): "SCHED_OTHER", "SCHED_BATCH".
func policyOf(t *testing.T, pid int) string {
	t.Helper()
	p, _, err := control.PolicyOf(liveTarget(t, pid), control.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Name
}

// cpusAllowed is pid's Cpus_allowed_list from /proc/PID/status.
func cpusAllowed(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "Cpus_allowed_list:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("no Cpus_allowed_list")
	return ""
}

// TestIOPriorityKey: i, End (Idle), Enter sets the idle class on a spawned
// child, as ioprio_get then reports; letters and digits pick nothing.
func TestIOPriorityKey(t *testing.T) {
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	h := acting(t, ui.ActionConfig{}, pid)
	h.Type("i")
	h.WaitFor(t, "the I/O menu", func(lines []string) bool { return h.menuItem(lines) != "" })
	h.Key(tcell.KeyEnd)
	h.WaitFor(t, "Idle highlighted", func(lines []string) bool { return strings.HasPrefix(h.menuItem(lines), "Idle") })
	h.Type("xyz 1")
	alive(t, pid)
	if ioprioOf(t, pid) == "idle" {
		t.Fatal("a printable key applied the I/O priority")
	}
	h.Key(tcell.KeyEnter)
	h.WaitText(t, fmt.Sprintf("pid %d (sleep): I/O priority idle set via pidfd", pid))
	if got := ioprioOf(t, pid); got != "idle" {
		t.Fatalf("I/O priority %s after idle", got)
	}

	h.Type("i")
	h.WaitFor(t, "the I/O menu", func(lines []string) bool { return h.menuItem(lines) != "" })
	h.Key(tcell.KeyHome)
	for range 15 { // None, Realtime 0-7, Best effort 0-5: to Best effort 6
		h.Key(tcell.KeyDown)
	}
	h.WaitFor(t, "Best effort 6", func(lines []string) bool { return h.menuItem(lines) == "Best effort 6" })
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "I/O priority be/6 set")
	if got := ioprioOf(t, pid); got != "be/6" {
		t.Fatalf("I/O priority %s after be/6", got)
	}
}

// TestAffinityKey: a ticks the child's CPUs; Space unticks CPU 0, Enter
// applies, and the kernel reports the rest.
func TestAffinityKey(t *testing.T) {
	var own unix.CPUSet
	if err := unix.SchedGetaffinity(0, &own); err != nil || own.Count() < 2 || !own.IsSet(0) {
		t.Skip("needs two CPUs, CPU 0 among them")
	}
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	before := cpusAllowed(t, pid)
	h := acting(t, ui.ActionConfig{}, pid)
	h.Type("a")
	h.WaitFor(t, "CPU 0 ticked", func(lines []string) bool { return h.menuItem(lines) == "[x] CPU 0" })
	h.Type(" ")
	h.WaitFor(t, "CPU 0 unticked", func(lines []string) bool { return h.menuItem(lines) == "[ ] CPU 0" })
	h.Type("qk1")
	if got := cpusAllowed(t, pid); got != before {
		t.Fatalf("a printable key applied the affinity: %s", got)
	}
	h.Key(tcell.KeyEnter)
	h.WaitText(t, fmt.Sprintf("pid %d (sleep): CPU affinity", pid))
	h.WaitText(t, "set via pidfd")
	got := cpuSet(t, cpusAllowed(t, pid))
	for c := range 1024 {
		if got[c] != (c != 0 && own.IsSet(c)) {
			t.Fatalf("Cpus_allowed_list = %q after unticking CPU 0 (was %q)", cpusAllowed(t, pid), before)
		}
	}
}

// cpuSet parses a kernel CPU list ("0-3,6").
func cpuSet(t *testing.T, list string) map[int]bool {
	t.Helper()
	set := map[int]bool{}
	for _, part := range strings.Split(list, ",") {
		lo, hi, _ := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		b := a
		if hi != "" {
			b, err = strconv.Atoi(hi)
		}
		if err != nil {
			t.Fatalf("CPU list %q: %v", list, err)
		}
		for c := a; c <= b; c++ {
			set[c] = true
		}
	}
	return set
}

// TestPolicyKey: Y, SCHED_BATCH, Enter, read back with sched_getscheduler;
// then SCHED_FIFO with priority 5 picked by digit: set as root, refused with
// the kernel's reason otherwise.
func TestPolicyKey(t *testing.T) {
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	h := acting(t, ui.ActionConfig{}, pid)
	h.Type("Y")
	h.WaitFor(t, "the policy menu", func(lines []string) bool { return h.menuItem(lines) == "SCHED_OTHER" })
	h.Key(tcell.KeyDown)
	h.WaitFor(t, "SCHED_BATCH", func(lines []string) bool { return h.menuItem(lines) == "SCHED_BATCH" })
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "policy SCHED_BATCH set via pidfd")
	if got := policyOf(t, pid); got != "SCHED_BATCH" {
		t.Fatalf("policy %s after SCHED_BATCH", got)
	}
	h.Type("Y")
	h.WaitFor(t, "the policy menu", func(lines []string) bool { return h.menuItem(lines) == "SCHED_OTHER" })
	for range 3 {
		h.Key(tcell.KeyDown)
	}
	h.WaitFor(t, "SCHED_FIFO", func(lines []string) bool { return strings.HasPrefix(h.menuItem(lines), "SCHED_FIFO") })
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "SCHED_FIFO priority for")
	h.Type("5")
	h.WaitFor(t, "priority 5", func(lines []string) bool { return h.menuItem(lines) == "5" })
	if got := policyOf(t, pid); got != "SCHED_BATCH" {
		t.Fatalf("a digit applied the policy: %s", got)
	}
	h.Key(tcell.KeyEnter)
	if os.Geteuid() != 0 {
		h.WaitText(t, "policy SCHED_FIFO priority 5 not set: refused: operation not permitted")
		return
	}
	h.WaitText(t, "policy SCHED_FIFO priority 5 set via pidfd")
	if got := policyOf(t, pid); got != "SCHED_FIFO" {
		t.Fatalf("policy %s after SCHED_FIFO", got)
	}
}

// TestSchedulingKeysRefuseAWrongStart: a row whose start time is not the live
// process's (its PID was reused) is refused by i, a and Y, and the process
// is left as it was.
func TestSchedulingKeysRefuseAWrongStart(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cmd := spawn(t, "exec sleep "+marker())
	pid := cmd.Process.Pid
	p := uitest.Proc(int32(pid), 1, "root", "sleep 3600")
	p.Start, _ = strconv.ParseUint(statField(t, pid, 22), 10, 64)
	p.Start++ // another process's start: the PID was reused since
	before := cpusAllowed(t, pid)
	h := start(t, ui.Config{Bindings: ui.ActionBindings(ui.ActionConfig{})}, p)
	const refused = "not set: the process has exited; PID now belongs to another process"
	h.Type("i")
	h.WaitFor(t, "the I/O menu", func(lines []string) bool { return h.menuItem(lines) != "" })
	h.Key(tcell.KeyEnd)
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "I/O priority idle "+refused)
	h.Type("a") // the menu reads the current set first: refused there
	// Its own message: the I/O one above ends with the same words, and a
	// later key must not race the affinity read's answer.
	h.WaitText(t, "CPU affinity of pid")
	h.Type("Y")
	h.WaitFor(t, "the policy menu", func(lines []string) bool { return h.menuItem(lines) == "SCHED_OTHER" })
	h.Key(tcell.KeyDown)
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "policy SCHED_BATCH "+refused)
	if ioprioOf(t, pid) == "idle" || policyOf(t, pid) != "SCHED_OTHER" || cpusAllowed(t, pid) != before {
		t.Fatalf("pid %d was touched", pid)
	}
}
