package collect

import (
	"errors"
	"io"
	"math/bits"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/pidtop/pidtop/internal/layer"
	"github.com/pidtop/pidtop/internal/procfs"
)

// linuxProc is what the Linux source remembers of one PID (or TID) between ticks:
// everything that costs an extra file read and only changes at exec.
type linuxProc struct {
	start uint64 // stat field 22: with the PID, the identity
	comm  string // last comm seen; a change means exec
	info  *Info  // owner, command line, executable, cgroup: shared with the rows
	fresh bool   // info is new this tick: not yet in a row, so still writable
	known Known  // which of uid/cmdline/exe/cgroup were readable
	tried Known  // which of uid/cmdline/exe/cgroup were read (since the last exec)
	seen  uint32
	shown uint32 // the sweep in which SetShown last named it
	statm bool   // statm was read last tick (its descriptor may be kept)
	io    bool   // io was read last tick (its descriptor may be kept)

	// For SkipIdle: the schedstat counters read just before a stat read, and
	// the row of the last tick's record (in linuxSource.prev).
	run    uint64 // schedstat run time, ns
	slices uint64 // schedstat count of times on a CPU
	runOK  bool   // run and slices were read before a stat read of this process
	row    int32
}

// linuxSource reads /proc with one grouped read per process per tick: stat
// always (kept fd), statm and io only when needed, the rest only for new PIDs.
type linuxSource struct {
	r       *procfs.Reader
	r2      *procfs.Reader // the first look's (first_linux.go)
	jobs    []infoJob
	ents    []*linuxProc // per row appended this tick: whose info the row shows
	users   userCache
	cache   map[int32]*linuxProc
	ttys    map[uint32]string
	pids    []int32
	tids    []int32
	shown   []int32          // readOptions.Shown, sorted
	prev    []Process        // the last tick's rows (the snapshot's): read, never written
	oldPIDs []int32          // the listing before the last one (for gone)
	gone    map[int32]uint32 // PID -> sweep in which it exited or vanished (see orphaned)
	sched   procfs.Schedstat
	schedOK bool // this kernel counts run time in /proc/PID/schedstat
	stat    procfs.Stat
	statm   procfs.Statm
	io      procfs.IO
	status  procfs.Status
	smaps   procfs.SmapsRollup
	extras  extraSlab
	sys     procfs.SysStat
	mem     procfs.Meminfo
	load    procfs.LoadAvg
	sweep   uint32
	hz      float64 // clock ticks per second
	page    uint64  // bytes per page
	boot    time.Time
	host    string
	cmdTick bool
	// restricted: this /proc hides processes from us (see restrictedView).
	restricted bool

	// Skipping the listing of /proc (see list).
	relist   bool  // this /proc is our PID namespace's: loadavg's last PID speaks for it
	lastPID  int32 // loadavg's last allocated PID at the last tick
	stable   bool  // lastPID was the same at the last two ticks, both listed
	relisted int   // ticks in a row that reused the listing
	loadRead bool  // s.load was read this tick (readSystem reuses it)

	fdTable int // descriptor numbers the table was grown to hold (GrowFDTable)
}

// maxRelists bounds the ticks in a row that reuse a listing: a full one at least
// every tenth tick, whatever loadavg says.
const maxRelists = 9

func newSource() (source, error) { return newLinuxSource(procfs.ReaderConfig{FDBudget: fdBudget()}) }

func newLinuxSource(cfg procfs.ReaderConfig) (*linuxSource, error) {
	r, err := procfs.NewReader(cfg)
	if err != nil {
		return nil, err
	}
	s := &linuxSource{
		r:     r,
		users: userCache{load: func() (io.ReadCloser, error) { return os.Open("/etc/passwd") }},
		cache: make(map[int32]*linuxProc),
		gone:  make(map[int32]uint32),
		ttys:  make(map[uint32]string),
		hz:    float64(procfs.ClockTicks()),
		page:  uint64(procfs.PageSize()),
	}
	s.host, _ = os.Hostname()
	if self, err := os.Readlink(r.Root() + "/self"); err == nil && self == strconv.Itoa(os.Getpid()) {
		s.relist = layer.On(layer.Relist)
	}
	var self procfs.Schedstat
	if _, err := r.ReadSchedstat(int32(os.Getpid()), &self); err == nil && self.Counting {
		s.schedOK = true
	}
	r.Forget(int32(os.Getpid()))
	s.restricted = s.restrictedView()
	if b, err := r.ReadSystemFile("stat"); err == nil && procfs.ParseSysStat(b, &s.sys) == nil {
		s.boot = time.Unix(int64(s.sys.BootTime), 0)
	}
	return s, nil
}

// growTable grows the descriptor table in one step to hold what a pass over n
// processes keeps (one stat descriptor each, within the budget) and the
// reserve, unless it holds that already. Left to itself the kernel grows the
// table by doublings as the kept descriptors are opened, each growth a wait
// for an RCU grace period in a process with several threads (see
// GrowFDTable).
func (s *linuxSource) growTable(n int) {
	want := min(n+fdReserve/2, s.r.Budget()+fdReserve/2)
	if want <= s.fdTable || s.r.Budget() == 0 {
		return
	}
	s.fdTable = 1 << bits.Len(uint(want)) // what the kernel rounds to, about
	s.r.GrowFDTable(want)
}

func (s *linuxSource) close() {
	s.r.Close()
	if s.r2 != nil {
		s.r2.Close()
	}
}

func (s *linuxSource) readProcs(dst []Process, o readOptions, cost *Cost) []Process {
	s.sweep++
	pids, err := s.list()
	if err != nil {
		cost.Errors++
		cost.LastErr = err.Error()
	}
	s.growTable(len(pids))
	if len(s.cache) == 0 {
		// A first pass: room for every process at once, rather than a slice
		// that doubles its way there (most of a first pass's allocation were
		// those copies) and a map that rehashes as it grows.
		dst = slices.Grow(dst, roomFor(len(pids)))
		s.cache = make(map[int32]*linuxProc, len(pids))
	}
	s.cmdTick = o.CmdlineEveryTick
	s.extras.last = nil // see ownExtra
	n0 := len(dst)
	s.jobs, s.ents = s.jobs[:0], s.ents[:0]
	s.shown = append(s.shown[:0], o.Shown...)
	slices.Sort(s.shown) // for the processes new this tick (see entry)
	for _, pid := range s.shown {
		if e := s.cache[pid]; e != nil {
			e.shown = s.sweep
		}
	}
	skip := o.SkipIdle && s.schedOK && o.Needs&NeedFresh == 0 && len(s.prev) > 0
	live := 0
	for _, pid := range pids {
		var err error
		var sched *procfs.Schedstat // read before this stat read
		var idle *linuxProc         // not run since its last stat read: its record stands
		if skip {
			idle, sched, err = s.checkIdle(pid)
		}
		if idle == nil && err == nil {
			err = s.r.ReadStat(pid, &s.stat)
		}
		if err != nil {
			s.count(cost, err)
			if errors.Is(err, procfs.ErrGone) {
				s.gone[pid] = s.sweep // its children have a new parent now
				continue              // and it is left out of the listing a next tick may reuse
			}
		}
		pids[live] = pid
		live++
		if err != nil {
			continue
		}
		if idle != nil {
			cost.Idle++
			if o.KeepIdle {
				dst = s.appendKept(dst, n0, idle)
				continue
			}
			dst = s.appendRow(dst, n0, idle, s.lastRecord(idle), o, cost)
			continue
		}
		e := s.entry(pid)
		if s.stat.IsKernelThread() {
			e.tried |= KnownCmdline // no command line to read
		}
		if sched != nil {
			e.run, e.slices, e.runOK = sched.Runtime, sched.Slices, true
		}
		if s.stat.State == 'Z' || s.stat.State == 'X' {
			s.gone[pid] = s.sweep // exited: its children were handed to another parent
		}
		p := s.process(e)
		s.statExtra(&p, &s.stat, o.Needs)
		dst = s.appendRow(dst, n0, e, p, o, cost)
	}
	s.pids = pids[:live]
	s.runJobs(o.Needs)
	s.patchInfo(dst[n0:])
	s.prev = dst[n0:]
	s.r.Sweep()
	for pid, e := range s.cache {
		if e.seen != s.sweep {
			delete(s.cache, pid)
			s.gone[pid] = s.sweep
		}
	}
	for pid, sweep := range s.gone {
		if sweep+1 < s.sweep {
			delete(s.gone, pid) // its orphans have had a full read since
		}
	}
	return dst
}

// freshEvery is how many ticks SkipIdle may go without reading a process's stat
// (the ticks are spread over the processes by PID). It bounds how long a field
// another process changed while this one slept (its nice value, its process
// group, its virtual size through a shared mm) can stay unseen off screen.
const freshEvery = 32

// checkIdle tells, for SkipIdle, whether the process pid has not run since its
// last stat read, from its schedstat counters (about half the cost of a stat
// read: the system call itself is most of either). It returns the process's
// entry when its last record still holds, so the stat read can be left out.
// Otherwise it returns the schedstat it read (nil if none), which is to be
// kept with the stat read that follows. A process qualifies when its last record shows one thread (schedstat counts the main
// thread only) that was not runnable, it is not on screen, not due for its
// periodic full read, and no parent or session leader of it exited lately.
// What a process's stat shows changes only while it runs, but for fields
// another process can change (nice, priority, parent, group, session,
// terminal, a shared mm's size): the screen, a sort by them (NeedFresh), the
// exits filed in s.gone and the periodic read see to those.
func (s *linuxSource) checkIdle(pid int32) (*linuxProc, *procfs.Schedstat, error) {
	e := s.cache[pid]
	if e == nil || e.seen+1 != s.sweep || int(e.row) >= len(s.prev) {
		return nil, nil, nil
	}
	q := &s.prev[e.row]
	if q.PID != pid || q.Start != e.start || q.Threads != 1 || q.State == 'R' || q.Is(FlagThread) {
		return nil, nil, nil
	}
	same, err := s.r.ReadSchedstat(pid, &s.sched)
	if err != nil {
		if errors.Is(err, procfs.ErrGone) {
			return nil, nil, err
		}
		return nil, nil, nil // read stat instead
	}
	if same && e.runOK && s.sched.Runtime == e.run && s.sched.Slices == e.slices &&
		e.shown != s.sweep && (uint32(pid)+s.sweep)%freshEvery != 0 && !s.orphaned(q) {
		return e, nil, nil
	}
	return nil, &s.sched, nil
}

// orphaned reports whether q's parent or session leader exited in this tick or
// the last: then q has a new parent (or lost its terminal) without having run.
func (s *linuxSource) orphaned(q *Process) bool {
	if len(s.gone) == 0 {
		return false
	}
	_, p := s.gone[q.PPID]
	_, l := s.gone[q.SID]
	return p || l
}

// lastRecord is the last tick's record of a process that has not run since
// (see checkIdle), less what the tick derives again or reads apart from stat.
func (s *linuxSource) lastRecord(e *linuxProc) Process {
	e.seen = s.sweep
	p := s.prev[e.row]
	p.Flags &^= FlagNew
	p.Known &^= KnownShr | KnownIO | extraBits
	p.ShrBytes, p.ReadBytes, p.WriteBytes = 0, 0, 0
	p.CPUPercent, p.MemPercent, p.ReadBytesRate, p.WriteBytesRate = 0, 0, 0, 0
	return p
}

// appendKept appends the last record of the idle process of entry e whole,
// as Config.KeepIdle asks: nothing is read for it. Its Extra is copied, as the
// deriver writes the context switch rate into it.
func (s *linuxSource) appendKept(dst []Process, n0 int, e *linuxProc) []Process {
	e.seen = s.sweep
	p := s.prev[e.row]
	p.Flags &^= FlagNew
	p.CPUPercent, p.MemPercent, p.ReadBytesRate, p.WriteBytesRate = 0, 0, 0, 0
	if p.Extra != nil {
		s.ownExtra(&p).CtxtRate = 0
	}
	e.row = int32(len(dst) - n0)
	s.ents = append(s.ents, e)
	return append(dst, p)
}

// appendRow appends p, the record of the process whose entry is e, queues what
// its entry lacks, reads the optional figures of n, and appends its threads
// when asked.
func (s *linuxSource) appendRow(dst []Process, n0 int, e *linuxProc, p Process, o readOptions, cost *Cost) []Process {
	if s.wantsInfo(e, o.Needs) {
		s.jobs = append(s.jobs, infoJob{pid: p.PID, e: e})
	}
	e.row = int32(len(dst) - n0)
	dst = append(dst, p)
	s.ents = append(s.ents, e)
	q := &dst[len(dst)-1]
	s.optional(q, e, o.Needs, cost)
	if o.Threads && !q.Is(FlagKernelThread) && q.Threads > 1 {
		dst = s.appendThreads(dst, len(dst)-1, e, o.Needs, cost)
	}
	return dst
}

// list returns the PIDs to read this tick. /proc is listed with getdents (a
// dentry lookup per process in the kernel) unless no task can have been
// created since the last listing: the kernel's last allocated PID (loadavg's
// fifth field, which every fork and thread creation in our PID namespace and
// below moves) is what it was at the last two ticks, and both of them listed.
// Listing twice after a change covers a fork that had its PID but was not yet
// in /proc at the first listing. The reused listing is the last one less the
// processes found gone since; a full listing still comes at least every tenth
// tick. A /proc of another PID namespace than ours (its "self" is not our PID)
// is always listed.
func (s *linuxSource) list() ([]int32, error) {
	s.loadRead = false
	if s.relist {
		if b, err := s.r.ReadSystemFile("loadavg"); err == nil && procfs.ParseLoadAvg(b, &s.load) == nil {
			s.loadRead = true
			same := s.load.LastPID == s.lastPID
			s.lastPID = s.load.LastPID
			if same && s.stable && s.relisted < maxRelists {
				s.relisted++
				s.r.Relist(s.pids)
				return s.pids, nil
			}
			s.stable, s.relisted = same, 0
		}
	}
	pids, err := s.r.ListPIDs(s.oldPIDs[:0])
	s.markGone(s.pids, pids)
	s.oldPIDs = s.pids[:0]
	return pids, err
}

// markGone files under s.gone the PIDs of old, the last listing, that are not in
// now, this one: their children (SkipIdle) must be read in full this tick. Both
// are ascending, as /proc lists them; if not, nothing is filed, and the end of
// the tick files what it did not see, for the next one.
func (s *linuxSource) markGone(old, now []int32) {
	if !slices.IsSorted(old) || !slices.IsSorted(now) {
		return
	}
	j := 0
	for _, pid := range old {
		for j < len(now) && now[j] < pid {
			j++
		}
		if j == len(now) || now[j] != pid {
			s.gone[pid] = s.sweep
		}
	}
}

// count files a failed read under the right heading of the tick's cost.
func (s *linuxSource) count(cost *Cost, err error) {
	switch {
	case errors.Is(err, procfs.ErrGone):
		cost.Vanished++
	case errors.Is(err, os.ErrPermission):
		cost.Denied++
	default:
		cost.Errors++
		cost.LastErr = err.Error()
	}
}

// entry returns the cache entry for the task whose stat is in s.stat, making it
// when the task is new, and forgetting its command line and executable when its
// comm changed (an exec).
func (s *linuxSource) entry(id int32) *linuxProc {
	comm := s.stat.Comm()
	e := s.cache[id]
	if e == nil || e.start != s.stat.StartTime {
		e = &linuxProc{start: s.stat.StartTime, comm: string(comm)}
		s.cache[id] = e
		if _, ok := slices.BinarySearch(s.shown, id); ok {
			e.shown = s.sweep
		}
	}
	e.seen = s.sweep
	if string(comm) != e.comm {
		// An exec: a new program, and maybe a new user (su, sudo, setpriv and
		// the like change user, then exec).
		e.comm = string(comm)
		e.tried &^= KnownCmdline | KnownExe | KnownUser
	}
	return e
}

// infoBits are the Known bits of what a process's entry holds beyond stat.
const infoBits = KnownUser | KnownCmdline | KnownExe | KnownCgroup

// wantsInfo reports whether e has something to read this tick: its owner (once),
// and the command line, executable and cgroup that n asks for (once per exec).
func (s *linuxSource) wantsInfo(e *linuxProc, n Needs) bool {
	missing := KnownUser
	if n&NeedCmdline != 0 {
		missing |= KnownCmdline
	}
	if n&NeedExe != 0 {
		missing |= KnownExe
	}
	if n&NeedCgroup != 0 {
		missing |= KnownCgroup
	}
	return missing&^e.tried != 0 || s.cmdTick && n&NeedCmdline != 0
}

// loadInfo reads through r what e lacks of its owner and of what n asks for.
// Each is read once per process (the command line and executable again after
// an exec, or every tick with CmdlineEveryTick). Unreadable ones stay unknown.
// It touches only e, so two goroutines may run it on different entries.
func (s *linuxSource) loadInfo(r *procfs.Reader, pid int32, e *linuxProc, n Needs) {
	if s.cmdTick {
		e.tried &^= KnownCmdline
	}
	// The rows of earlier ticks share e.info: changes go to a copy, which
	// becomes e.info when it differs.
	info := e.info.clone()
	if e.tried&KnownUser == 0 {
		e.tried |= KnownUser
		var uid uint32
		var err error
		if e.known&KnownUser != 0 {
			// Again, after an exec: the kept stat descriptor was opened before
			// it and holds the owner of then; the directory's is current.
			uid, err = r.DirUID(pid)
		} else {
			uid, err = r.UID(pid)
		}
		if err == nil {
			if uid != info.UID || e.known&KnownUser == 0 {
				info.User = "" // named by patchInfo
			}
			info.UID, e.known = uid, e.known|KnownUser
		}
	}
	if n&NeedCmdline != 0 && e.tried&KnownCmdline == 0 {
		e.tried |= KnownCmdline
		if b, err := r.ReadFile(pid, "cmdline"); err == nil {
			cmd, argv0 := procfs.ParseCmdline(b)
			if cmd == "" {
				// Caught in the middle of an exec (the new comm is set before
				// the new argv is), or a zombie: unknown for now, read again
				// next tick rather than kept as an empty command line.
				e.tried &^= KnownCmdline
				e.known &^= KnownCmdline
				info.Cmdline, info.Argv0Len, info.ArgSeps = "", 0, nil // not the argv of before the exec
			} else {
				info.Cmdline, info.Argv0Len, e.known = cmd, int32(argv0), e.known|KnownCmdline
				info.ArgSeps = procfs.ArgSeps(b)
			}
		}
	}
	if n&NeedExe != 0 && e.tried&KnownExe == 0 {
		e.tried |= KnownExe
		if exe, err := r.Readlink(pid, "exe"); err == nil {
			info.Exe, e.known = exe, e.known|KnownExe
		}
	}
	if n&NeedCgroup != 0 && e.tried&KnownCgroup == 0 {
		e.tried |= KnownCgroup
		if b, err := r.ReadFile(pid, "cgroup"); err == nil {
			info.Cgroup, e.known = procfs.ParseCgroup(b), e.known|KnownCgroup
		}
	}
	switch {
	case e.fresh:
		*e.info = info // not in any row yet
	case e.info == nil || !info.same(e.info):
		e.info, e.fresh = &info, true
	}
}

// process builds the neutral record from s.stat and the task's cache entry; the
// owner, command line, executable and cgroup are filled in by patchInfo.
func (s *linuxSource) process(e *linuxProc) Process { return s.record(&s.stat, e.comm) }

// record builds the neutral record of the stat st, named name.
func (s *linuxSource) record(st *procfs.Stat, name string) Process {
	p := Process{
		ID:          ID{PID: st.PID, Start: st.StartTime},
		PPID:        st.PPID,
		PGID:        st.PGRP,
		SID:         st.Session,
		TGID:        st.PID,
		State:       State(st.State),
		Priority:    st.Priority,
		Nice:        st.Nice,
		Threads:     st.NumThreads,
		Processor:   st.Processor,
		TTY:         s.ttyName(st.TTYNr),
		UserTime:    s.ticks(st.UTime),
		SystemTime:  s.ticks(st.STime),
		VirtBytes:   st.VSize,
		ResBytes:    uint64(max(st.RSS, 0)) * s.page,
		MinorFaults: st.MinFlt,
		MajorFaults: st.MajFlt,
		Name:        name,
		Known: KnownPPID | KnownPGID | KnownState | KnownPriority | KnownThreads | KnownStart |
			KnownTTY | KnownCPU | KnownVirt | KnownRes | KnownFaults | KnownProcessor,
	}
	if !s.boot.IsZero() {
		p.StartedNs = s.boot.Add(s.ticks(st.StartTime)).UnixNano()
	}
	if st.IsKernelThread() {
		p.Flags |= FlagKernelThread
	}
	return p
}

// optional reads the figures only some columns need, for the process p whose
// cache entry is e.
func (s *linuxSource) optional(p *Process, e *linuxProc, n Needs, cost *Cost) {
	if n&NeedShr != 0 || n&NeedShrShown != 0 && e.shown == s.sweep {
		e.statm = true
		if err := s.r.ReadStatm(p.PID, &s.statm); err == nil {
			// statm's resident count is the exact sum; stat's rss field is the
			// kernel's per-CPU-cached approximation (off by a few hundred KiB).
			p.ShrBytes, p.Known = s.statm.Shared*s.page, p.Known|KnownShr
			p.ResBytes = s.statm.Resident * s.page
		} else {
			s.count(cost, err)
		}
	} else if e.statm {
		// Off screen now: its statm descriptor goes back to the budget, which
		// at 20,000 processes is what keeps every stat descriptor open.
		e.statm = false
		s.r.ForgetStatm(p.PID)
	}
	if n&NeedIO == 0 && e.io {
		e.io = false
		s.r.ForgetIO(p.PID) // the descriptor goes back to the budget
	}
	if n&NeedIO != 0 && !p.Is(FlagKernelThread) {
		e.io = true
		if b, err := s.r.ReadIO(p.PID); err == nil && procfs.ParseIO(b, &s.io) == nil {
			p.ReadBytes, p.WriteBytes = s.io.ReadBytes, s.io.WriteBytes
			p.Known |= KnownIO
		} else if err != nil && !errors.Is(err, procfs.ErrGone) {
			cost.Denied++
		}
	}
	s.readExtra(p, n, cost)
}

// appendThreads appends a row per userland thread of the process at dst[i],
// whose entry is owner (the main thread, TID == PID, is the process row itself).
func (s *linuxSource) appendThreads(dst []Process, i int, owner *linuxProc, n Needs, cost *Cost) []Process {
	pid := dst[i].PID
	tids, err := s.r.ListTasks(pid, s.tids[:0])
	s.tids = tids
	if err != nil {
		s.count(cost, err)
		return dst
	}
	for _, tid := range tids {
		if tid == pid {
			continue
		}
		if err := s.r.ReadTaskStat(pid, tid, &s.stat); err != nil {
			s.count(cost, err)
			continue
		}
		t := s.process(s.entry(tid)) // the thread's own name and figures
		t.TGID, t.Flags = pid, t.Flags|FlagThread
		s.statExtra(&t, &s.stat, n)
		// Threads share the process's memory: its statm figures are theirs
		// (htop shows them too; a thread's own statm would be a second read
		// of the same mm).
		if dst[i].Known.Has(KnownShr) {
			t.ShrBytes, t.ResBytes, t.Known = dst[i].ShrBytes, dst[i].ResBytes, t.Known|KnownShr
		}
		dst = append(dst, t)
		s.ents = append(s.ents, owner) // its owner, command line: the process's
	}
	return dst
}

func (s *linuxSource) ticks(n uint64) time.Duration {
	return time.Duration(float64(n) / s.hz * float64(time.Second))
}

func (s *linuxSource) ttyName(nr uint32) string {
	if nr == 0 {
		return ""
	}
	name, ok := s.ttys[nr]
	if !ok {
		name = procfs.TTYName(nr)
		s.ttys[nr] = name
	}
	return name
}
