package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

func TestPlainTable(t *testing.T) {
	procs := []collect.Process{
		{ID: collect.ID{PID: 7, Start: 1}, Info: &collect.Info{User: "root", Cmdline: "/bin/ev\x1b[2Jil --flag", Argv0Len: 11}, Priority: 20, State: 'S', Threads: 1,
			ResBytes: 2048 << 10, VirtBytes: 300 << 20, UserTime: 90 * time.Second, CPUPercent: 12.34,
			Name: "evil",
			Known: collect.KnownUser | collect.KnownPriority | collect.KnownState | collect.KnownCPU |
				collect.KnownRes | collect.KnownVirt | collect.KnownCmdline},
		{ID: collect.ID{PID: 12345, Start: 2}, Name: "kworker/0:1", Flags: collect.FlagKernelThread},
	}
	tab, err := NewPlainTable(nil, procs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hdr := tab.Header()
	for _, title := range []string{"PID", "USER", "PRI", "NI", "VIRT", "RES", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command"} {
		if !strings.Contains(hdr, title) {
			t.Errorf("header %q lacks %s", hdr, title)
		}
	}
	row := tab.Row(&procs[0], "└─ ")
	for _, want := range []string{"    7 root        20", "300M", "2048", "12.3", "1:30.00", "└─ /bin/ev^[[2Jil --flag"} {
		if !strings.Contains(row, want) {
			t.Errorf("row %q lacks %q", row, want)
		}
	}
	if strings.ContainsRune(row, 0x1b) || strings.Contains(row, "[-:-:-]") {
		t.Errorf("row %q carries an escape or a tview tag", row)
	}
	if kt := tab.Row(&procs[1], ""); !strings.Contains(kt, "N/A") || !strings.HasSuffix(kt, "kworker/0:1") {
		t.Errorf("kernel thread row %q: unknown fields must show N/A", kt)
	}
	if _, err := NewPlainTable([]string{"nosuch"}, nil, time.Now()); err == nil {
		t.Error("unknown column accepted")
	}
}
