package collect

import (
	"testing"
	"time"
)

func proc(pid int32, start uint64, cpu time.Duration, res uint64) Process {
	return Process{ID: ID{PID: pid, Start: start}, UserTime: cpu, ResBytes: res,
		Known: KnownCPU | KnownRes}
}

func find(t *testing.T, s *Snapshot, pid int32, exited bool) *Process {
	t.Helper()
	for i := range s.Procs {
		if s.Procs[i].PID == pid && s.Procs[i].Is(FlagExited) == exited {
			return &s.Procs[i]
		}
	}
	t.Fatalf("tick %d: pid %d (exited=%v) not in snapshot", s.Tick, pid, exited)
	return nil
}

func TestDeriveRatesAndFlags(t *testing.T) {
	var d deriver
	t0 := time.Unix(1000, 0)
	mem := &rawSystem{System: System{Memory: Memory{Total: 1000}}}

	s1 := d.derive(t0, []Process{proc(1, 10, time.Second, 100), proc(2, 20, 0, 0)}, mem, Cost{})
	if p := find(t, s1, 1, false); p.Is(FlagNew) || p.MemPercent != 10 {
		t.Errorf("tick 1: %+v: nothing is new on the first tick, mem 10%%", p)
	}

	// One second later: pid 1 used half a core, pid 2 exited, pid 2 was reused by
	// a new process (other start time), pid 3 is new.
	s2 := d.derive(t0.Add(time.Second), []Process{
		proc(1, 10, 1500*time.Millisecond, 100), proc(2, 99, 0, 0), proc(3, 30, 0, 0),
	}, mem, Cost{})
	if s2.Interval != time.Second {
		t.Errorf("interval %v", s2.Interval)
	}
	if p := find(t, s2, 1, false); p.CPUPercent != 50 || p.Is(FlagNew) {
		t.Errorf("pid 1: cpu %v flags %b, want 50%% and not new", p.CPUPercent, p.Flags)
	}
	if p := find(t, s2, 2, false); !p.Is(FlagNew) || p.Start != 99 {
		t.Errorf("reused pid 2 must be new: %+v", p)
	}
	if p := find(t, s2, 2, true); p.Start != 20 {
		t.Errorf("tombstone of the old pid 2 has start %d", p.Start)
	}
	if p := find(t, s2, 3, false); !p.Is(FlagNew) {
		t.Errorf("pid 3 not new")
	}

	// The tombstone lasts one tick only, and the new flag too.
	s3 := d.derive(t0.Add(2*time.Second), []Process{proc(1, 10, 1500*time.Millisecond, 100),
		proc(2, 99, 0, 0), proc(3, 30, 0, 0)}, mem, Cost{})
	if len(s3.Procs) != 3 {
		t.Errorf("tick 3 has %d rows, want 3 (no tombstones)", len(s3.Procs))
	}
	for _, p := range s3.Procs {
		if p.Flags&(FlagNew|FlagExited) != 0 {
			t.Errorf("pid %d still flagged %b", p.PID, p.Flags)
		}
	}
	// Snapshots are independent: the earlier one was not modified.
	if p := find(t, s2, 1, false); p.CPUPercent != 50 {
		t.Errorf("published snapshot changed")
	}
}

func TestDeriveIORatesOnlyWhenKnownTwice(t *testing.T) {
	var d deriver
	t0 := time.Unix(0, 0)
	a := Process{ID: ID{PID: 5, Start: 1}, ReadBytes: 100, WriteBytes: 0, Known: KnownIO}
	b := a
	b.ReadBytes, b.WriteBytes = 2100, 4000
	d.derive(t0, []Process{a}, &rawSystem{}, Cost{})
	s := d.derive(t0.Add(2*time.Second), []Process{b}, &rawSystem{}, Cost{})
	if p := find(t, s, 5, false); p.ReadBytesRate != 1000 || p.WriteBytesRate != 2000 {
		t.Errorf("rates %v %v, want 1000 2000", p.ReadBytesRate, p.WriteBytesRate)
	}
}

func TestShareSplitsGuestAndNormalises(t *testing.T) {
	before := cpuTimes{User: 100, Nice: 10, System: 50, Idle: 1000}
	now := cpuTimes{User: 160, Nice: 10, System: 70, Idle: 1100, IOWait: 10, Steal: 10, Guest: 20}
	c := share(now, before, false)
	// deltas: user 60 (40 own + 20 guest), system 20, idle 100, iowait 10, steal 10: 200 in all
	want := CPUShare{User: 20, System: 10, Idle: 50, IOWait: 5, Steal: 5, Guest: 10}
	if c != want {
		t.Errorf("share = %+v, want %+v", c, want)
	}
	if got := c.Busy(); got != 45 {
		t.Errorf("busy %v, want 45", got)
	}
	if z := share(before, before, false); z.Idle != 100 {
		t.Errorf("no time passed: %+v, want all idle", z)
	}
}

func TestCountTasks(t *testing.T) {
	var sys System
	countTasks(&sys, []Process{
		{State: 'R', Threads: 3},
		{State: 'S', Threads: 1, Flags: FlagKernelThread},
		{State: 'R', Flags: FlagThread},
		{State: 'R', Threads: 1, Flags: FlagExited},
	})
	want := System{Tasks: 2, Running: 2, Threads: 2, KernelThreads: 1}
	if sys.Tasks != want.Tasks || sys.Running != want.Running || sys.Threads != want.Threads ||
		sys.KernelThreads != want.KernelThreads {
		t.Errorf("got %+v", sys)
	}
}

// A row that appears with no earlier reading of its own (a thread listed since
// H, as in the report of 887% on a two-core machine) gets no rate from its whole
// life's CPU time over one interval; a process that started within the interval
// does.
func TestDeriveFirstRateNeedsTwoReadings(t *testing.T) {
	var d deriver
	t0 := time.Unix(1000, 0)
	mem := &rawSystem{System: System{Memory: Memory{Total: 1000}}}
	d.derive(t0, []Process{proc(1, 10, time.Second, 100)}, mem, Cost{})

	old := proc(2, 20, 90*time.Second, 0) // a thread running for an hour
	old.StartedNs, old.Known = t0.Add(-time.Hour).UnixNano(), old.Known|KnownStart
	young := proc(3, 30, 300*time.Millisecond, 0) // forked after the last read
	young.StartedNs, young.Known = t0.Add(200*time.Millisecond).UnixNano(), young.Known|KnownStart
	unknown := proc(4, 40, 5*time.Second, 0) // no start time: no rate either
	s := d.derive(t0.Add(time.Second), []Process{proc(1, 10, time.Second, 100), old, young, unknown}, mem, Cost{})
	if p := find(t, s, 2, false); p.CPUPercent != 0 {
		t.Errorf("old row first seen: cpu %v%%, want 0 until a second reading", p.CPUPercent)
	}
	if p := find(t, s, 3, false); p.CPUPercent != 30 {
		t.Errorf("new process: cpu %v%%, want 30", p.CPUPercent)
	}
	if p := find(t, s, 4, false); p.CPUPercent != 0 {
		t.Errorf("row without a start time: cpu %v%%, want 0", p.CPUPercent)
	}
}

// Context switches per second come from two readings; a tombstone's rate is 0
// and its record is a copy, not the previous snapshot's Extra.
func TestDeriveCtxtRate(t *testing.T) {
	var d deriver
	t0 := time.Unix(1000, 0)
	mem := &rawSystem{}
	p1 := proc(1, 10, 0, 0)
	p1.Extra, p1.Known = &Extra{CtxtSwitches: 100}, p1.Known|KnownCtxt
	s1 := d.derive(t0, []Process{p1}, mem, Cost{})
	p2 := proc(1, 10, 0, 0)
	p2.Extra, p2.Known = &Extra{CtxtSwitches: 150}, p2.Known|KnownCtxt
	s2 := d.derive(t0.Add(2*time.Second), []Process{p2}, mem, Cost{})
	if got := find(t, s2, 1, false).X().CtxtRate; got != 25 {
		t.Errorf("ctxt rate %v, want 25/s", got)
	}
	s3 := d.derive(t0.Add(3*time.Second), nil, mem, Cost{})
	tomb := find(t, s3, 1, true)
	if tomb.X().CtxtRate != 0 || find(t, s2, 1, false).X().CtxtRate != 25 {
		t.Errorf("tombstone rate %v; the published record now says %v", tomb.X().CtxtRate, find(t, s2, 1, false).X().CtxtRate)
	}
	_ = s1
}

// Over an interval shorter than the clock tick CPU times are counted in, a
// tick's worth of time more is no rate at all: CPU% stays within 100 per CPU,
// for a process seen before and for one started within the interval.
func TestDeriveCPUPercentWithinCPUs(t *testing.T) {
	var d deriver
	t0 := time.Unix(1000, 0)
	raw := &rawSystem{cpus: make([]cpuTimes, 2)}
	d.derive(t0, []Process{proc(1, 10, time.Second, 0)}, raw, Cost{})
	now := t0.Add(3 * time.Millisecond)
	young := proc(2, 20, 20*time.Millisecond, 0)
	young.Known |= KnownStart
	young.StartedNs = now.Add(-time.Millisecond).UnixNano()
	s := d.derive(now, []Process{proc(1, 10, time.Second+30*time.Millisecond, 0), young}, raw, Cost{})
	for _, pid := range []int32{1, 2} {
		if p := find(t, s, pid, false); p.CPUPercent > 200 || p.CPUPercent < 0 {
			t.Errorf("pid %d: %.1f%% CPU on 2 CPUs", pid, p.CPUPercent)
		}
	}
}
