package collect

import (
	"context"
	"slices"
	"sync/atomic"
	"time"
)

// DefaultInterval is htop's default refresh delay.
const DefaultInterval = 1500 * time.Millisecond

// Config configures a Collector.
type Config struct {
	Interval         time.Duration // between ticks; 0 means DefaultInterval
	Threads          bool          // list userland threads as rows
	Needs            Needs         // optional figures to read every tick
	CmdlineEveryTick bool          // re-read command lines every tick (catches setproctitle)
	// FirstInterval, when positive, makes Run take its second snapshot this soon
	// after the first, so CPU% is a real rate from the first frame on.
	FirstInterval time.Duration
	// FirstRows, when positive, makes Run publish a first look before its
	// first snapshot: the records of the lowest PIDs, read until FirstRows of
	// them that are not kernel threads are in (the viewer starts with kernel
	// threads hidden; shown, they fill the screen the sooner). It has Partial
	// set; its System has the task counts where the source can count them
	// without reading every process (Linux, in the initial PID namespace).
	// For a viewer whose first frame shows the lowest PIDs anyway: sorted by
	// CPU%, which the first snapshot cannot have yet (every process is at 0, and
	// ties go by PID). Then that frame does not wait for a pass over every
	// process. Linux only: the other systems read every process in one call.
	FirstRows int
	// SkipIdle keeps the last record of a process that has not run since its
	// last read, instead of reading its stat again (Linux: schedstat's run time
	// and count of slices tell, at about half a stat read's cost). The rows on
	// screen (SetShown) are read in full every tick, and every process at least
	// every freshEvery ticks. For the viewer; batch output reads everything.
	SkipIdle bool
	// KeepIdle, with SkipIdle, keeps more of an idle process's last record:
	// its statm, io and status figures (exact RES and SHR, I/O bytes, context
	// switches, the Extra figures) instead of reading those files again (or,
	// for the ones only screen rows need, leaving them unknown). A process's
	// I/O and context switch counts change only while it runs; its memory
	// can change without it (pages reclaimed, a shared mapping grown), which
	// the periodic full read of SkipIdle catches within freshEvery ticks.
	// For the metrics exporter, which reads those files for every process:
	// at 5,000 mostly idle processes its pass cost several viewer refreshes
	// without it.
	KeepIdle bool
	// AfterTick, when set, is called on Run's goroutine after each snapshot is
	// published (the viewer adjusts its memory limit there).
	AfterTick func(*Snapshot)

	newSource func() (source, error) // tests substitute a source
}

// Collector reads every process each tick and publishes immutable Snapshots. Run
// owns its state; the setters are messages to Run and are safe from any goroutine.
type Collector struct {
	cfg     Config
	src     source
	out     chan *Snapshot
	ctl     chan func() bool // messages to Run; true: a tick follows
	deriver deriver
	lastLen int // processes in the last read: the next one's starting capacity
	paused  bool
	shown   atomic.Pointer[[]int32] // SetShown's list, read at the start of a tick
}

// New prepares a collector and its platform source. It reads nothing yet.
func New(cfg Config) (*Collector, error) {
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	mk := cfg.newSource
	if mk == nil {
		mk = newSource
	}
	src, err := mk()
	if err != nil {
		return nil, err
	}
	return &Collector{
		cfg: cfg,
		src: src,
		out: make(chan *Snapshot, 1),
		ctl: make(chan func() bool, 16),
	}, nil
}

// Close releases the source's descriptors. Call it after Run has returned.
func (c *Collector) Close() { c.src.close() }

// Snapshots is the channel Run publishes on. It holds at most one snapshot: a
// reader that falls behind gets the newest, never a queue of stale ones.
func (c *Collector) Snapshots() <-chan *Snapshot { return c.out }

// SetInterval changes the delay between ticks from the next tick on.
func (c *Collector) SetInterval(d time.Duration) {
	if d > 0 {
		c.send(func() bool { c.cfg.Interval = d; return true })
	}
}

// Pause stops (true) or resumes (false) the ticks. A paused collector still
// answers Refresh.
func (c *Collector) Pause(p bool) { c.send(func() bool { c.paused = p; return true }) }

// Refresh asks for a tick now.
func (c *Collector) Refresh() { c.send(func() bool { return true }) }

// SetThreads turns the listing of userland threads on or off. Turning it to
// what it is causes no tick.
func (c *Collector) SetThreads(on bool) {
	c.send(func() bool {
		changed := c.cfg.Threads != on
		c.cfg.Threads = on
		return changed
	})
}

// SetCmdlineEveryTick makes every tick re-read the command lines (for programs
// that rewrite their argv), or only new processes' and after an exec.
func (c *Collector) SetCmdlineEveryTick(on bool) {
	c.send(func() bool {
		changed := c.cfg.CmdlineEveryTick != on
		c.cfg.CmdlineEveryTick = on
		return changed
	})
}

// SetNeeds sets the optional figures to read. Setting what is set causes no
// tick: the viewer says what it needs before the first snapshot has arrived,
// usually what the collector was made with, and an extra tick then would delay
// the first frame (a second full pass on one CPU, command lines included).
func (c *Collector) SetNeeds(n Needs) {
	c.send(func() bool {
		changed := c.cfg.Needs != n
		c.cfg.Needs = n
		return changed
	})
}

// SetShown names the processes on screen, whose statm NeedShrShown reads. Unlike
// the other setters it is not followed by a tick: the next tick reads them. It
// keeps pids; the caller must not change it afterwards.
func (c *Collector) SetShown(pids []int32) { c.shown.Store(&pids) }

// Fill asks Run to read what the tick left out of ps, rows now on screen
// (Linux: through /proc/PID checked against each one's start time): statm, for
// the exact ResBytes and MemPercent (against memTotal bytes) and ShrBytes, and
// the command line where the tick could not read it (mid-exec). Run fills ps between two ticks and
// calls done with it on its goroutine (done must not wait for the caller).
// Fill never blocks: it returns false, and asks nothing, when Run's queue is
// full. Without Run running the request waits for it.
func (c *Collector) Fill(ps []Process, memTotal uint64, done func([]Process)) bool {
	f := func() bool {
		for i := range ps {
			fillShown(&ps[i], memTotal)
		}
		done(ps)
		return false
	}
	select {
	case c.ctl <- f:
		return true
	default:
		return false
	}
}

// send queues a message for Run. A message that returns true is followed by a
// tick (one for all the messages queued together).
func (c *Collector) send(f func() bool) { c.ctl <- f }

// Run ticks until ctx is done, publishing a Snapshot per tick. It returns
// ctx.Err() and leaves no goroutine behind.
func (c *Collector) Run(ctx context.Context) error {
	if c.cfg.FirstRows > 0 {
		if s := c.first(); s != nil {
			c.publish(s)
		}
	}
	// A Reset timer delivers no expiry of an earlier arming (Go 1.23 on).
	timer := time.NewTimer(0) // the first tick at once
	defer timer.Stop()
	first := true
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case f := <-c.ctl:
			tick := f()
			if !c.drainCtl() && !tick {
				continue // the timer is still armed
			}
		case <-timer.C:
			if c.paused {
				timer.Reset(c.cfg.Interval)
				continue
			}
		}
		s := c.Collect()
		c.publish(s)
		if c.cfg.AfterTick != nil {
			c.cfg.AfterTick(s)
		}
		next := c.cfg.Interval
		if first && c.cfg.FirstInterval > 0 {
			next = c.cfg.FirstInterval
		}
		first = false
		timer.Reset(next)
	}
}

// drainCtl applies the messages already queued, so a burst costs one tick. It
// reports whether any of them asked for one.
func (c *Collector) drainCtl() bool {
	tick := false
	for {
		select {
		case f := <-c.ctl:
			tick = f() || tick
		default:
			return tick
		}
	}
}

// publish replaces whatever unread snapshot sits in the channel with s.
func (c *Collector) publish(s *Snapshot) {
	for {
		select {
		case c.out <- s:
			return
		default:
		}
		select {
		case <-c.out:
		default:
		}
	}
}

// firstReader is a source that can read a first look (see Config.FirstRows).
type firstReader interface {
	// readFirst may count every task into sys (Tasks, Threads, KernelThreads,
	// Running, with SysKnownTasks) when it can without reading every process,
	// and sets sys.Restricted as the snapshots will.
	readFirst(dst []Process, n int, sys *System) []Process
}

// first reads the first look of Config.FirstRows, or returns nil where the
// source has none. It leaves the deriver alone: the first snapshot is still
// the first, its processes are not new, and its CPU% still waits for the
// second.
func (c *Collector) first() *Snapshot {
	fr, ok := c.src.(firstReader)
	if !ok {
		return nil
	}
	start := time.Now()
	var counts System
	procs := fr.readFirst(make([]Process, 0, c.cfg.FirstRows+c.cfg.FirstRows/2), c.cfg.FirstRows, &counts)
	if len(procs) == 0 {
		return nil
	}
	var raw rawSystem
	s := &Snapshot{Time: start, Partial: true, Procs: procs}
	if err := c.src.readSystem(&raw); err == nil {
		s.System = raw.System
	}
	s.System.Known &^= SysKnownTasks
	s.System.Restricted = counts.Restricted
	if counts.Known&SysKnownTasks != 0 {
		s.System.Known |= SysKnownTasks
		s.System.Tasks, s.System.Threads, s.System.KernelThreads = counts.Tasks, counts.Threads, counts.KernelThreads
		s.System.Running = counts.Running
		if raw.running > 0 && !counts.Restricted {
			s.System.Running = raw.running // as the snapshots count it
		}
	}
	// CPU shares since boot, as the first snapshot shows them, from a deriver
	// of its own.
	boot := deriver{tick: 1}
	boot.cpuShares(&s.System, &raw)
	for i := range procs {
		if p := &procs[i]; p.Known.Has(KnownRes) {
			p.MemPercent = memPercent(p.ResBytes, raw.Memory.Total)
		}
	}
	s.Cost = Cost{Duration: time.Since(start), Read: len(procs)}
	return s
}

// rateNeeds are the optional figures the collector turns into rates.
const rateNeeds = NeedIO | NeedCtxt

// Prime reads every process's stat once, and of the optional files only those
// of the rates asked for, so that the next Collect's CPU%, I/O and context
// switch rates are over the time between the two. It publishes nothing. Like
// Collect, not while Run runs.
func (c *Collector) Prime() {
	var cost Cost
	procs := c.src.readProcs(c.newProcs(), readOptions{Threads: c.cfg.Threads, Needs: c.cfg.Needs & rateNeeds}, &cost)
	c.lastLen = len(procs)
	var raw rawSystem
	c.src.readSystem(&raw)
	c.deriver.derive(time.Now(), procs, &raw, cost)
	// The snapshots count from 1 at the first one returned, as Snapshot.Tick
	// says: the priming read is not one of them.
	c.deriver.primed++
}

// Collect reads one tick synchronously and returns its snapshot. It must not be
// called while Run is running (batch mode and benchmarks use it instead of Run).
func (c *Collector) Collect() *Snapshot {
	start := time.Now()
	var cost Cost
	o := readOptions{Threads: c.cfg.Threads, Needs: c.cfg.Needs, CmdlineEveryTick: c.cfg.CmdlineEveryTick,
		SkipIdle: c.cfg.SkipIdle, KeepIdle: c.cfg.KeepIdle}
	if o.Needs&NeedShrShown != 0 || o.SkipIdle {
		if p := c.shown.Load(); p != nil {
			o.Shown = *p
		}
	}
	procs := c.src.readProcs(c.newProcs(), o, &cost)
	c.lastLen = len(procs)
	var raw rawSystem
	if err := c.src.readSystem(&raw); err != nil {
		cost.Errors++
		cost.LastErr = err.Error()
	}
	cost.Read = len(procs)
	cost.Duration = time.Since(start)
	snap := c.deriver.derive(start, procs, &raw, cost)
	if o.Needs&NeedShrShown != 0 {
		c.fillLate(snap, o.Shown)
	}
	return snap
}

// fillLate reads, before snap is published, what the rows named by SetShown
// while the tick ran lack (their statm, as Fill would): a tick that started
// before the frame that named them read no statm for them. Without this the
// viewer showed SHR as N/A, and RES changed by the gap between stat's and
// statm's figures, on rows that had them a frame before, until its Fill
// answered; a tick longer than the refresh (20,000 processes) always starts
// before the last frame is drawn. asked is the list the tick read.
func (c *Collector) fillLate(snap *Snapshot, asked []int32) {
	p := c.shown.Load()
	if p == nil || slices.Equal(*p, asked) {
		return
	}
	late := slices.Clone(*p)
	slices.Sort(late)
	for i := range snap.Procs {
		q := &snap.Procs[i]
		if q.Known.Has(KnownShr) {
			continue
		}
		if _, named := slices.BinarySearch(late, q.PID); named && !slices.Contains(asked, q.PID) {
			fillShown(q, snap.System.Memory.Total)
		}
	}
}

// newProcs is a fresh slice for one read. The snapshot keeps it (no copy),
// so a tick holds one slice of processes, not a read buffer beside the
// snapshot's; the room left over takes the exited processes' tombstones.
func (c *Collector) newProcs() []Process { return make([]Process, 0, roomFor(c.lastLen)) }

// roomFor is the capacity of a slice for a read of about n processes: room
// for the exited processes' tombstones and a few new processes besides.
func roomFor(n int) int { return n + n/16 + 16 }
