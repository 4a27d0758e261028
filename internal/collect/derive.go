package collect

import (
	"runtime"
	"time"
)

// deriver turns one tick's raw reads into a Snapshot, using the previous tick for
// rates, new/exited flags and CPU shares. It is owned by the collector's goroutine.
type deriver struct {
	tick     uint64 // reads derived, Prime's included: 1 has no previous
	primed   uint64 // of those, Prime's, which published nothing
	prevTime time.Time
	prev     []Process // the previous snapshot's processes: read, never written
	// prevIdx and nextIdx index the previous and this tick's rows by PID (a
	// PID names one task at a time; the start time in ID tells a reused one),
	// half the size of a map keyed by the whole ID.
	prevIdx  map[int32]int32
	nextIdx  map[int32]int32
	seen     []bool // by index into prev
	prevCPU  cpuTimes
	prevCPUs []cpuTimes
}

// derive takes ownership of procs: it becomes the snapshot's slice.
func (d *deriver) derive(now time.Time, procs []Process, raw *rawSystem, cost Cost) *Snapshot {
	d.tick++
	s := &Snapshot{Time: now, Tick: d.tick - d.primed, Cost: cost, System: raw.System}
	var elapsed float64 // seconds
	if d.tick > 1 {
		s.Interval = now.Sub(d.prevTime)
		elapsed = s.Interval.Seconds()
	}
	s.Procs = procs // the caller's fresh slice becomes the snapshot's
	d.rates(s.Procs, now, elapsed, raw.Memory.Total, maxCPUPercent(raw))
	s.Procs = d.appendExited(s.Procs)
	d.cpuShares(&s.System, raw)
	countTasks(&s.System, s.Procs)
	if raw.running > 0 && !raw.Restricted {
		// Never more than the tasks seen: in a PID namespace the kernel's
		// count is still the whole machine's.
		s.System.Running = min(raw.running, s.System.Tasks+s.System.Threads)
	}

	d.prev, d.prevTime = s.Procs, now
	d.prevIdx, d.nextIdx = d.nextIdx, d.prevIdx
	return s
}

// rates fills CPUPercent, MemPercent, IO rates and FlagNew, and indexes procs for
// the next tick.
func (d *deriver) rates(procs []Process, now time.Time, elapsed float64, memTotal uint64, maxCPU float64) {
	if d.nextIdx == nil {
		d.nextIdx = make(map[int32]int32, len(procs))
	}
	clear(d.nextIdx)
	if cap(d.seen) < len(d.prev) {
		d.seen = make([]bool, len(d.prev))
	}
	d.seen = d.seen[:len(d.prev)]
	clear(d.seen)
	for i := range procs {
		p := &procs[i]
		d.nextIdx[p.PID] = int32(i)
		if p.Known.Has(KnownRes) {
			p.MemPercent = memPercent(p.ResBytes, memTotal)
		}
		j, ok := d.prevIdx[p.PID]
		if ok && d.prev[j].ID != p.ID {
			ok = false // the PID of an exited process, reused
		}
		if !ok {
			if d.tick > 1 {
				p.Flags |= FlagNew
			}
			if elapsed > 0 && p.Known.Has(KnownCPU) && d.startedSince(p, now, elapsed) {
				p.CPUPercent = min(100*p.CPUTime().Seconds()/elapsed, maxCPU)
			}
			continue
		}
		d.seen[j] = true
		q := &d.prev[j]
		if elapsed <= 0 {
			continue
		}
		if p.Known.Has(KnownCPU) && q.Known.Has(KnownCPU) && p.CPUTime() >= q.CPUTime() {
			p.CPUPercent = min(100*(p.CPUTime()-q.CPUTime()).Seconds()/elapsed, maxCPU)
		}
		if p.Known.Has(KnownIO) && q.Known.Has(KnownIO) {
			p.ReadBytesRate = rate(p.ReadBytes, q.ReadBytes, elapsed)
			p.WriteBytesRate = rate(p.WriteBytes, q.WriteBytes, elapsed)
		}
		if p.Known.Has(KnownCtxt) && q.Known.Has(KnownCtxt) {
			// p's Extra is its own this tick: the source wrote the count into it.
			p.Extra.CtxtRate = rate(p.Extra.CtxtSwitches, q.Extra.CtxtSwitches, elapsed)
		}
	}
}

// maxCPUPercent is the most CPU% a process can use: every CPU, 100 each. CPU
// times are counted in clock ticks (Linux: 10 ms) and scaled to the precise
// run time only when read, so over an interval of a few milliseconds (a
// refresh asked for right after a tick) one tick more reads as hundreds of
// percent; htop clamps the same way.
func maxCPUPercent(raw *rawSystem) float64 {
	n := len(raw.cpus)
	if n == 0 {
		n = runtime.NumCPU()
	}
	return 100 * float64(n)
}

// startedSince reports whether the row p, absent from the last tick, started
// within the interval, so its whole CPU time was spent in it. A row that is
// older (a thread listed since the user pressed H, a process the last tick
// could not read) has no earlier reading to take a rate from: its CPU% stays
// 0 until its second reading rather than its lifetime's time over one interval.
// A start up to half an interval before the last read still counts, since the
// start time is in clock ticks and the last listing may have missed a fork
// that was under way.
func (d *deriver) startedSince(p *Process, now time.Time, elapsed float64) bool {
	if p.StartedNs == 0 || !p.Known.Has(KnownStart) {
		return false
	}
	since := now.Add(-time.Duration(elapsed * 1.5 * float64(time.Second)))
	return p.StartedNs >= since.UnixNano()
}

// memPercent is res bytes as a share of memTotal bytes, 0..100 (0 when the total
// is unknown).
func memPercent(res, memTotal uint64) float64 {
	if memTotal == 0 {
		return 0
	}
	return 100 * float64(res) / float64(memTotal)
}

func rate(now, before uint64, secs float64) float64 {
	if now < before {
		return 0
	}
	return float64(now-before) / secs
}

// appendExited adds a tombstone for every process of the previous tick that is
// gone now, so the view can show it (in red) for one tick.
func (d *deriver) appendExited(procs []Process) []Process {
	for j := range d.prev {
		q := &d.prev[j]
		if d.seen[j] || q.Is(FlagExited) {
			continue
		}
		t := *q
		t.Flags = t.Flags&^FlagNew | FlagExited
		t.CPUPercent, t.ReadBytesRate, t.WriteBytesRate = 0, 0, 0
		if t.Extra != nil && t.Extra.CtxtRate != 0 {
			x := *t.Extra // the last tick's record points to it
			x.CtxtRate = 0
			t.Extra = &x
		}
		procs = append(procs, t)
	}
	return procs
}

// cpuShares turns the cumulative CPU counters into shares of the last interval.
func (d *deriver) cpuShares(sys *System, raw *rawSystem) {
	if sys.Known&SysKnownCPU == 0 {
		return
	}
	first := d.tick == 1
	sys.CPUTotal = share(raw.cpuTotal, d.prevCPU, first)
	sys.CPUs = make([]CPUShare, len(raw.cpus))
	for i, c := range raw.cpus {
		var p cpuTimes
		if i < len(d.prevCPUs) {
			p = d.prevCPUs[i]
		}
		sys.CPUs[i] = share(c, p, first || i >= len(d.prevCPUs))
	}
	d.prevCPU = raw.cpuTotal
	d.prevCPUs = append(d.prevCPUs[:0], raw.cpus...)
}

// share computes one CPU's shares from two readings. On Linux user and nice
// include guest time; it is split out as the Guest share, as htop does. With no
// earlier reading the shares are over the whole uptime.
func share(now, before cpuTimes, first bool) CPUShare {
	if first {
		before = cpuTimes{}
	}
	d := func(a, b uint64) float64 {
		if a < b {
			return 0
		}
		return float64(a - b)
	}
	guest := d(now.Guest, before.Guest)
	guestNice := d(now.GuestNice, before.GuestNice)
	c := CPUShare{
		User:    max(d(now.User, before.User)-guest, 0),
		Nice:    max(d(now.Nice, before.Nice)-guestNice, 0),
		System:  d(now.System, before.System),
		IOWait:  d(now.IOWait, before.IOWait),
		IRQ:     d(now.IRQ, before.IRQ),
		SoftIRQ: d(now.SoftIRQ, before.SoftIRQ),
		Steal:   d(now.Steal, before.Steal),
		Guest:   guest + guestNice,
		Idle:    d(now.Idle, before.Idle),
	}
	total := c.User + c.Nice + c.System + c.IOWait + c.IRQ + c.SoftIRQ + c.Steal + c.Guest + c.Idle
	if total <= 0 {
		return CPUShare{Idle: 100}
	}
	f := 100 / total
	c.User *= f
	c.Nice *= f
	c.System *= f
	c.IOWait *= f
	c.IRQ *= f
	c.SoftIRQ *= f
	c.Steal *= f
	c.Guest *= f
	c.Idle *= f
	return c
}

// countTasks fills the task counters from the live (not exited) rows.
func countTasks(sys *System, procs []Process) {
	sys.Known |= SysKnownTasks
	for i := range procs {
		p := &procs[i]
		if p.Is(FlagExited) {
			continue
		}
		if p.State == 'R' {
			sys.Running++
		}
		switch {
		case p.Is(FlagThread):
		case p.Is(FlagKernelThread):
			sys.KernelThreads++
			sys.Tasks++
		default:
			sys.Tasks++
			if p.Threads > 1 {
				sys.Threads += int(p.Threads) - 1
			}
		}
	}
}
