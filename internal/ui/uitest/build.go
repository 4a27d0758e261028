package uitest

import (
	"context"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// AllKnown marks every process field known.
const AllKnown = collect.Known(1<<32 - 1)

// Proc builds a sleeping process with every field known and plausible figures.
func Proc(pid, ppid int32, user, cmdline string) collect.Process {
	name := cmdline
	argv0 := len(cmdline)
	for i, c := range cmdline {
		if c == ' ' {
			name, argv0 = cmdline[:i], i
			break
		}
	}
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' {
			name = name[i+1:]
			break
		}
	}
	if len(name) > 15 {
		name = name[:15]
	}
	return collect.Process{
		ID: collect.ID{PID: pid, Start: uint64(pid) * 7}, PPID: ppid, PGID: pid, SID: pid, TGID: pid,
		Info: &collect.Info{UID: 1000, User: user, Cmdline: cmdline, Argv0Len: int32(argv0)}, State: 'S', Priority: 20, Threads: 1,
		StartedNs: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).UnixNano(), UserTime: time.Duration(pid) * time.Millisecond,
		VirtBytes: 100 << 20, ResBytes: uint64(pid) << 10, ShrBytes: 1 << 20,
		Name: name, Known: AllKnown,
	}
}

// Snapshot wraps processes with a two-CPU system.
func Snapshot(procs ...collect.Process) *collect.Snapshot {
	return &collect.Snapshot{
		Time: time.Now(), Interval: time.Second, Procs: procs,
		System: collect.System{
			Hostname: "test",
			CPUTotal: collect.CPUShare{User: 20, System: 5, Idle: 75},
			CPUs:     []collect.CPUShare{{User: 30, System: 10, Idle: 60}, {User: 10, Nice: 5, Idle: 85}},
			Memory:   collect.Memory{Total: 8 << 30, Free: 2 << 30, Used: 3 << 30, Buffers: 256 << 20, Cache: 2 << 30},
			Swap:     collect.Swap{Total: 1 << 30, Used: 100 << 20},
			Load:     [3]float64{0.5, 0.25, 0.125},
			Uptime:   26 * time.Hour,
			Tasks:    len(procs), Running: 1,
			Known: collect.SysKnownCPU | collect.SysKnownMemory | collect.SysKnownSwap |
				collect.SysKnownLoad | collect.SysKnownUptime | collect.SysKnownTasks,
		},
	}
}

// Start runs the viewer (run, given a context) on its own goroutine. At the end
// of the test it cancels the context and fails the test if run does not return
// or returns an error. Wait reports run's result when the test quits it itself.
func Start(t testing.TB, run func(ctx context.Context) error) (wait func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	var result error
	finished := false
	wait = func() error {
		if finished {
			return result
		}
		select {
		case result = <-done:
			finished = true
		case <-time.After(Timeout):
			t.Error("the viewer did not return")
		}
		return result
	}
	t.Cleanup(func() {
		cancel()
		if err := wait(); err != nil {
			t.Errorf("the viewer returned %v", err)
		}
	})
	return wait
}
