package collect

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The first look holds the lowest PIDs, as many as asked for not counting
// kernel threads, each as the first snapshot then shows it; it has no task
// counts, and it leaves the first snapshot the first: Tick 1, nothing new.
func TestFirstLook(t *testing.T) {
	// Ten children of ours, so that the machine has enough processes.
	for range 10 {
		c := exec.Command("sleep", "60.5")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Process.Kill(); c.Wait() })
	}
	const rows = 8
	c := liveCollector(t, Config{FirstRows: rows})
	f := c.first()
	if f == nil || !f.Partial || f.Tick != 0 || f.System.Known&SysKnownTasks != 0 ||
		f.System.Known&(SysKnownMemory|SysKnownCPU) != SysKnownMemory|SysKnownCPU || len(f.System.CPUs) == 0 {
		t.Fatalf("first look: %+v", f)
	}
	pids, user := make([]int32, len(f.Procs)), 0
	for i, p := range f.Procs {
		pids[i] = p.PID
		if !p.Is(FlagKernelThread) {
			user++
		}
	}
	if user != rows || !slices.IsSorted(pids) || pids[0] != 1 {
		t.Fatalf("first look has %d processes not kernel threads (want %d), PIDs %v", user, rows, pids)
	}
	s := c.Collect()
	if s.Partial || s.Tick != 1 || s.System.Known&SysKnownTasks == 0 || s.System.Tasks < len(f.Procs) {
		t.Fatalf("first snapshot after the look: partial %v tick %d tasks %d", s.Partial, s.Tick, s.System.Tasks)
	}
	for _, p := range f.Procs {
		q := findPID(s, int(p.PID), 0)
		if q == nil {
			continue // exited meanwhile
		}
		if q.Is(FlagNew) || q.ID != p.ID || stableName(q) != stableName(&p) || q.PPID != p.PPID || q.UID() != p.UID() ||
			q.User() != p.User() || q.Flags&FlagKernelThread != p.Flags&FlagKernelThread ||
			!p.Known.Has(KnownUser|KnownState|KnownRes|KnownCPU) || p.Known.Has(KnownShr) {
			t.Errorf("pid %d: first look %s %d %q %b, first snapshot %s %d %q %b", p.PID, p.Name, p.PPID,
				p.User(), p.Known, q.Name, q.PPID, q.User(), q.Known)
		}
	}
}

// stableName is a process's name without what a kernel workqueue thread adds
// to its own as it takes work ("kworker/1:0-events", then "-mm_percpu_wq").
func stableName(p *Process) string {
	if p.Is(FlagKernelThread) {
		if i := strings.IndexByte(p.Name, '-'); i > 0 {
			return p.Name[:i]
		}
	}
	return p.Name
}
