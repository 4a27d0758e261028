package collect

import (
	"errors"
	"io/fs"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/sysctl"
)

// darwinSource reads macOS: kern.proc.all once per tick for every process,
// then proc_pidinfo(PROC_PIDTASKINFO) per process for CPU time, memory, threads
// and run state (refused for other users' processes unless root: those fields
// stay unknown and are not asked again), proc_pid_rusage only when IO is
// needed, and command lines only for new processes.
type darwinSource struct {
	procs sysctl.ProcReader
	tasks sysctl.TaskReader
	sys   *sysctl.SystemReader
	info  sysctl.SysInfo
	cache bsdCache
	ti    sysctl.TaskInfo
	ru    sysctl.RusageInfo
	numer uint64 // Mach absolute time × numer / denom = nanoseconds; 0 if unknown
	denom uint64
}

func newSource() (source, error) {
	sys, err := sysctl.NewSystemReader()
	if err != nil {
		return nil, err
	}
	s := &darwinSource{sys: sys, cache: newBSDCache()}
	if n, d, err := sysctl.MachTimebase(); err == nil {
		s.numer, s.denom = uint64(n), uint64(d)
	}
	return s, nil
}

func (s *darwinSource) close() {}

func (s *darwinSource) readProcs(dst []Process, o readOptions, cost *Cost) []Process {
	kps, err := s.procs.Read(false) // macOS has no per-thread records: o.Threads lists processes only
	noteErr(cost, err)
	s.cache.begin(o)
	for i := range kps {
		k := &kps[i]
		e := s.cache.entry(k.PID, k.StartMicros(), k.Comm(), k.Kernel, cost)
		if e == nil {
			continue
		}
		p := s.cache.process(k, e)
		p.SID = s.sid(k, e)
		running, ok := s.task(&p, k, e, cost)
		if !ok {
			delete(s.cache.m, k.PID)
			cost.Vanished++
			continue
		}
		if p.State = State(k.DarwinState(running)); p.State != StateUnknown {
			p.Known |= KnownState
		}
		s.extra(&p, k, running, o.Needs)
		dst = append(dst, p)
	}
	s.cache.end()
	return dst
}

// task fills p's CPU, memory and thread figures from the process's Mach task and
// returns its count of running threads (-1 when unknown). ok is false when the
// process vanished.
func (s *darwinSource) task(p *Process, k *sysctl.KinfoProc, e *bsdProc, cost *Cost) (running int32, ok bool) {
	if k.Stat == sysctl.SZOMB {
		return -1, true // a zombie has no task left
	}
	if e.denied {
		cost.Denied++
		return -1, true
	}
	err := s.tasks.Info(k.PID, &s.ti)
	switch {
	case errors.Is(err, sysctl.ErrNoProcess):
		return -1, false
	case errors.Is(err, fs.ErrPermission):
		e.denied = true
		cost.Denied++
		return -1, true
	case err != nil:
		return -1, true
	}
	t := &s.ti
	p.VirtBytes, p.ResBytes, p.Threads = t.VirtualSize, t.ResidentSize, t.Threads
	p.MajorFaults = uint64(max(t.Pageins, 0))
	p.MinorFaults = subSat(uint64(max(t.Faults, 0)), p.MajorFaults)
	p.Priority = t.Priority
	p.Known |= KnownVirt | KnownRes | KnownThreads | KnownFaults
	if s.denom != 0 {
		p.UserTime = s.machTime(t.TotalUser)
		p.SystemTime = s.machTime(t.TotalSystem)
		p.Known |= KnownCPU
	}
	return t.Running, true
}

// machTime converts Mach absolute time units to a duration.
func (s *darwinSource) machTime(units uint64) time.Duration {
	if s.numer == s.denom {
		return time.Duration(units)
	}
	return time.Duration(float64(units) * float64(s.numer) / float64(s.denom))
}

// sid returns the process's session: macOS's kinfo_proc has none, so it comes
// from getsid(2), asked again only when the PGID changes, as setsid(2) (the only
// way to change session) also makes a new group. 0 when refused.
func (s *darwinSource) sid(k *sysctl.KinfoProc, e *bsdProc) int32 {
	if !e.sidOK || e.sidPGID != k.PGID {
		sid, err := unix.Getsid(int(k.PID))
		e.sid, e.sidPGID, e.sidOK = int32(sid), k.PGID, err == nil
		if err != nil {
			e.sid = 0
		}
	}
	return e.sid
}

// readSystem reads CPU ticks, memory, swap, load and uptime. Memory is split the
// way Activity Monitor does: file-backed and purgeable pages are cache, the rest
// of what is not free is used.
func (s *darwinSource) readSystem(dst *rawSystem) error {
	err := s.sys.Read(&s.info)
	bsdSystem(&s.info, dst)
	if m := &s.info.Mem; s.info.MemOK {
		cache := m.External + m.Purgeable
		used := subSat(m.Total, m.Free+m.Speculative+cache)
		dst.Memory = Memory{Total: m.Total, Free: m.Free + m.Speculative, Cache: cache, Used: used,
			Available: subSat(m.Total, used)}
		dst.Known |= SysKnownMemory
	}
	return err
}

func rdev(st *unix.Stat_t) uint64 { return uint64(uint32(st.Rdev)) }

// extra fills what p's needs ask beyond the task info: the switch count (read
// with the task info), the terminal's foreground group (from the kinfo_proc
// record), and from one proc_pid_rusage call the storage I/O and the
// children's times. running < 0 means the task info was not read (a zombie, a
// process of another user): then only the record's figures are known.
func (s *darwinSource) extra(p *Process, k *sysctl.KinfoProc, running int32, n Needs) {
	if n&(NeedCtxt|NeedStatExtra|NeedIO) == 0 {
		return
	}
	x := &Extra{}
	if n&NeedCtxt != 0 && running >= 0 {
		x.CtxtSwitches = uint64(max(s.ti.ContextSw, 0))
		p.Known |= KnownCtxt
	}
	if n&NeedStatExtra != 0 {
		x.TPGID = k.TPGID
		p.Known |= KnownTPGID
	}
	if n&(NeedIO|NeedStatExtra) != 0 && running >= 0 && s.tasks.Rusage(k.PID, &s.ru) == nil {
		if n&NeedIO != 0 {
			p.ReadBytes, p.WriteBytes, p.Known = s.ru.DiskRead, s.ru.DiskWritten, p.Known|KnownIO
		}
		if n&NeedStatExtra != 0 && s.denom != 0 {
			x.ChildUserTime, x.ChildSystemTime = s.machTime(s.ru.ChildUser), s.machTime(s.ru.ChildSystem)
			x.ChildMajorFaults = s.ru.ChildPageins
			p.Known |= KnownStatExtra
		}
	}
	if p.Known&(KnownCtxt|KnownTPGID|KnownStatExtra) != 0 {
		p.Extra = x
	}
}
