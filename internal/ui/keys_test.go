package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

func filterProcs() []collect.Process {
	return []collect.Process{
		uitest.Proc(1, 0, "root", "/sbin/init"),
		uitest.Proc(100, 1, "alice", "/usr/bin/vim /tmp/notes.txt"),
		uitest.Proc(101, 1, "alice", "/usr/bin/VIM -R /etc/motd"),
		uitest.Proc(200, 1, "bob", "/usr/sbin/sshd -D"),
	}
}

func TestFilterHidesTheRest(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.waitOrder(t, "all", 1, 100, 101, 200)
	h.Type("\\")
	h.WaitText(t, "Filter:")
	h.Type("vim")
	h.waitOrder(t, "filter vim (any case)", 100, 101)
	h.Type("|sshd")
	h.waitOrder(t, "filter vim|sshd", 100, 101, 200)
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "Filter: vim|sshd") // kept and shown on the bar
	h.Key(tcell.KeyF4)
	h.WaitText(t, "Filter:")
	h.Key(tcell.KeyEscape) // Esc clears the filter
	h.waitOrder(t, "filter cleared", 1, 100, 101, 200)
	h.WaitGone(t, "Filter:")
}

func TestFollowKeepsSelectionWhileOrderChanges(t *testing.T) {
	procs := sortProcs() // CPU order 30 10 20 40
	h := start(t, ui.Config{}, procs...)
	h.waitOrder(t, "by CPU", 30, 10, 20, 40)
	h.waitSelected(t, 30)
	h.Key(tcell.KeyDown)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 20)
	h.Type("F")
	h.WaitText(t, "FOLLOW")
	procs[2].CPUPercent = 0 // 30 drops to the bottom, 20 rises to the top
	procs[1].CPUPercent = 90
	h.publish(t, procs...)
	h.waitOrder(t, "new CPU order", 20, 10, 40, 30)
	h.waitSelected(t, 20)

	h.Key(tcell.KeyHome) // the top row stays selected while processes move
	h.waitSelected(t, 20)
	procs[1].CPUPercent = 0
	h.publish(t, procs...)
	h.waitOrder(t, "CPU order again", 10, 40, 20, 30)
	h.waitSelected(t, 10)
}

func TestSelectionMovesToNextRowWhenProcessExits(t *testing.T) {
	procs := filterProcs()
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, procs...)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 100)
	h.publish(t, procs[0], procs[2], procs[3]) // 100 exits
	h.waitSelected(t, 101)
}

func TestHelpListsTheKeys(t *testing.T) {
	h := start(t, ui.Config{}, filterProcs()...)
	h.Key(tcell.KeyF1)
	lines := h.WaitText(t, "any other key returns")
	text := strings.Join(lines, "\n")
	// The help is longer than 40 rows: its end is read after End.
	h.Key(tcell.KeyEnd)
	text += "\n" + strings.Join(h.WaitText(t, "Ctrl-Z"), "\n")
	h.Key(tcell.KeyHome)
	h.WaitText(t, "any other key returns")
	for _, want := range []string{"F3 /", "F4 \\", "F5 t", "F6", "sort by CPU%", "sort by MEM%", "I", "invert",
		"F10 q", "Space", "tag", "follow", "pause", "Enter", "details", "u", "H", "K", "Ctrl-L", "Legend",
		"environment of the selected", "open files: descriptors, sockets", "file locks", "system call, wait"} {
		if want == "Legend" {
			continue
		}
		if !strings.Contains(text, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if strings.Contains(text, "Kill") || strings.Contains(text, "signal") {
		t.Error("help lists actions that are not wired")
	}
	h.Type("x")
	h.WaitText(t, "PID")
	h.Type("?")
	h.WaitText(t, "any other key returns")
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "any other key returns")
}

func TestHostileNameIsSanitized(t *testing.T) {
	p := uitest.Proc(66, 1, "root", "\x1b[2J\x1b[31mevil\x07 --flag")
	q := uitest.Proc(67, 1, "root", "")
	q.Name = "k\x1b]0;title\x07"
	q.Flags = collect.FlagKernelThread
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.KernelThreads, uitest.SortBy("pid"))}, p, q)
	lines := h.WaitText(t, "^[[2J^[[31mevil^G --flag")
	h.WaitText(t, "k^[]0;title^G")
	for _, l := range lines {
		if strings.ContainsAny(l, "\x1b\x07") {
			t.Fatalf("raw control byte on screen: %q", l)
		}
	}
}

func TestTagsAndBindings(t *testing.T) {
	var got []collect.Process
	bind := ui.Binding{Key: tcell.KeyF9, Label: "Kill", Help: "send a signal", Changes: true,
		Do: func(a ui.Actions) {
			got = a.Targets()
			a.Status("would signal " + strings.Repeat("x", len(got)))
		}}
	procs := filterProcs()
	procs[2].PPID = 100 // 101 is 100's child
	h := start(t, ui.Config{Bindings: []ui.Binding{bind}, Settings: uitest.Settings(uitest.SortBy("pid"))}, procs...)
	h.WaitText(t, "F9Kill")
	h.Key(tcell.KeyF9)
	h.WaitText(t, "would signal x") // untagged: the selected process
	if len(got) != 1 || got[0].PID != 1 {
		t.Fatalf("targets %v, want the selected PID 1", got)
	}
	h.Key(tcell.KeyDown)
	h.Type("c") // 100 and its child 101
	h.WaitText(t, "2 tagged")
	h.Key(tcell.KeyF9)
	h.WaitText(t, "would signal xx")
	if len(got) != 2 || got[0].PID != 100 || got[1].PID != 101 {
		t.Fatalf("targets %+v, want 100 and 101", got)
	}
	h.Type("U")
	h.WaitGone(t, "tagged")
	h.Type(" ")
	h.WaitText(t, "1 tagged")
	h.waitSelected(t, 101) // Space moves down
	h.Key(tcell.KeyF1)
	h.Key(tcell.KeyEnd) // the bindings come last, below a screenful of built-in keys
	h.WaitText(t, "send a signal")
}

func TestReadOnlyRefusesChangingBindings(t *testing.T) {
	ran := false
	bind := ui.Binding{Key: tcell.KeyRune, Rune: 'k', Help: "send a signal", Changes: true,
		Do: func(ui.Actions) { ran = true }}
	h := start(t, ui.Config{ReadOnly: true, Bindings: []ui.Binding{bind}}, filterProcs()...)
	h.Type("k")
	h.WaitText(t, "read-only")
	h.Type("P") // any key clears the message
	h.WaitGone(t, "read-only")
	if ran {
		t.Fatal("a changing binding ran in read-only mode")
	}
}

func TestPauseThreadsKernelThreads(t *testing.T) {
	kt := uitest.Proc(2, 0, "root", "")
	kt.Name, kt.Flags = "kthreadd", collect.FlagKernelThread
	th := uitest.Proc(102, 1, "alice", "/usr/bin/vim /tmp/notes.txt")
	th.TGID, th.Flags = 100, collect.FlagThread
	procs := append(filterProcs(), kt, th)
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, procs...)
	h.waitOrder(t, "no threads by default", 1, 100, 101, 200)
	h.Type("K")
	h.waitOrder(t, "kernel threads shown", 1, 2, 100, 101, 200)
	h.Type("H")
	h.waitOrder(t, "userland threads shown", 1, 2, 100, 101, 102, 200)
	if !h.feed.Threads() {
		t.Error("H did not ask the collector for threads")
	}
	h.Type("Z")
	h.WaitText(t, "PAUSED")
	if !h.feed.Paused() {
		t.Error("Z did not pause the collector")
	}
	h.Type("Z")
	h.WaitGone(t, "PAUSED")
}

func TestFollowThroughFilter(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, filterProcs()...)
	h.Key(tcell.KeyEnd)
	h.waitSelected(t, 200)
	h.Type("F\\vim")
	h.waitOrder(t, "filtered", 100, 101)
	h.Key(tcell.KeyEscape) // filter cleared: the followed process is selected again
	h.waitOrder(t, "unfiltered", 1, 100, 101, 200)
	h.waitSelected(t, 200)
	procs := filterProcs()[:3]
	h.publish(t, procs...) // 200 exits
	h.WaitText(t, "the followed process exited")
}

// A tag on a process that exits is dropped: the count shows live targets only.
func TestTagsOfExitedProcessesAreDropped(t *testing.T) {
	procs := filterProcs()
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, procs...)
	h.Type("  ") // the first two processes
	h.WaitText(t, "2 tagged")
	h.publish(t, procs[1:]...) // the first one exited
	h.WaitText(t, "1 tagged")
}
