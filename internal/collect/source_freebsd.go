package collect

import (
	"time"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/sysctl"
)

// freebsdSource reads FreeBSD: everything per process comes from the one
// kern.proc.proc read (with threads shown, one more read of kern.proc.proc_td
// gives the thread rows); command lines and executables only for new processes.
type freebsdSource struct {
	procs   sysctl.ProcReader
	threads sysctl.ProcReader
	sys     *sysctl.SystemReader
	info    sysctl.SysInfo
	cache   bsdCache
	page    uint64
	spans   map[int32]tdSpan // PID → its records in the thread read
	needs   Needs            // this tick's (readProcs sets it for process)
}

// tdSpan is where one process's thread records lie in the thread read.
type tdSpan struct{ from, to int }

func newSource() (source, error) {
	sys, err := sysctl.NewSystemReader()
	if err != nil {
		return nil, err
	}
	return &freebsdSource{sys: sys, cache: newBSDCache(), page: uint64(unix.Getpagesize()),
		spans: make(map[int32]tdSpan)}, nil
}

func (s *freebsdSource) close() {}

func (s *freebsdSource) readProcs(dst []Process, o readOptions, cost *Cost) []Process {
	s.needs = o.Needs
	kps, err := s.procs.Read(false)
	noteErr(cost, err)
	var tds []sysctl.KinfoProc
	if o.Threads {
		tds = s.readThreads(cost)
	}
	s.cache.begin(o)
	for i := range kps {
		k := &kps[i]
		e := s.cache.entry(k.PID, k.StartMicros(), k.Comm(), k.Kernel, cost)
		if e == nil {
			continue
		}
		dst = append(dst, s.process(k, e))
		if sp, ok := s.spans[k.PID]; ok && o.Threads && k.Threads > 1 {
			dst = s.appendThreads(dst, len(dst)-1, tds[sp.from:sp.to], cost)
		}
	}
	s.cache.end()
	return dst
}

// process is the neutral record of a process or thread record.
func (s *freebsdSource) process(k *sysctl.KinfoProc, e *bsdProc) Process {
	p := s.cache.process(k, e)
	p.State = State(k.FreeBSDState())
	p.Threads = k.Threads
	p.Processor = k.LastCPU
	p.UserTime = time.Duration(k.UTimeUsec) * time.Microsecond
	p.SystemTime = time.Duration(k.STimeUsec) * time.Microsecond
	p.VirtBytes = k.VSize
	p.ResBytes = uint64(max(k.RSSPages, 0)) * s.page
	p.MinorFaults, p.MajorFaults = uint64(max(k.MinFlt, 0)), uint64(max(k.MajFlt, 0))
	p.Known |= KnownState | KnownThreads | KnownProcessor | KnownCPU | KnownVirt | KnownRes | KnownFaults
	if s.needs&(NeedCtxt|NeedStatExtra) != 0 {
		// All from the record already read: asked for, they cost no syscall.
		x := &Extra{}
		if s.needs&NeedCtxt != 0 {
			x.CtxtSwitches = uint64(max(k.CtxtSw, 0))
			p.Known |= KnownCtxt
		}
		if s.needs&NeedStatExtra != 0 {
			x.TPGID = k.TPGID
			x.ChildUserTime = time.Duration(k.ChildUTimeUsec) * time.Microsecond
			x.ChildSystemTime = time.Duration(k.ChildSTimeUsec) * time.Microsecond
			x.ChildMinorFaults, x.ChildMajorFaults = uint64(max(k.ChildMinFlt, 0)), uint64(max(k.ChildMajFlt, 0))
			p.Known |= KnownStatExtra | KnownTPGID
		}
		p.Extra = x
	}
	return p
}

// readThreads reads one record per thread and indexes them by PID: the kernel
// writes a process's threads one after another.
func (s *freebsdSource) readThreads(cost *Cost) []sysctl.KinfoProc {
	tds, err := s.threads.Read(true)
	noteErr(cost, err)
	clear(s.spans)
	for i := 0; i < len(tds); {
		j := i + 1
		for j < len(tds) && tds[j].PID == tds[i].PID {
			j++
		}
		s.spans[tds[i].PID] = tdSpan{i, j}
		i = j
	}
	return tds
}

// appendThreads appends a row per thread of the process at dst[i] but its first
// (main) thread, whose figures the process row already shows, as on Linux. A
// thread's identity is its TID with the process's start time.
func (s *freebsdSource) appendThreads(dst []Process, i int, tds []sysctl.KinfoProc, cost *Cost) []Process {
	owner := dst[i]
	for j := 1; j < len(tds); j++ {
		td := &tds[j]
		name := td.ThreadName()
		if len(name) == 0 {
			name = td.Comm()
		}
		e := s.cache.entry(td.TID, owner.Start, name, true, cost)
		t := s.process(td, e)
		t.ID, t.TGID, t.Flags = ID{PID: td.TID, Start: owner.Start}, owner.PID, owner.Flags|FlagThread
		if owner.UID() == t.UID() {
			t.Info = owner.Info
		} else {
			info := owner.Info.clone()
			info.UID, info.User = t.UID(), t.User()
			t.Info = &info
		}
		t.Known = t.Known&^(KnownCmdline|KnownExe) | owner.Known&(KnownCmdline|KnownExe)
		dst = append(dst, t)
	}
	return dst
}

// readSystem reads CPU ticks, memory, swap, load and uptime. Memory is split as
// htop does on FreeBSD: inactive pages and the ZFS ARC are cache, the buffer
// space is buffers, wired, active and laundry pages are used.
func (s *freebsdSource) readSystem(dst *rawSystem) error {
	err := s.sys.Read(&s.info)
	bsdSystem(&s.info, dst)
	if m := &s.info.Mem; s.info.MemOK {
		cache := m.Inactive + m.ARC
		used := subSat(m.Total, m.Free+cache+m.Buffers)
		dst.Memory = Memory{Total: m.Total, Free: m.Free, Buffers: m.Buffers, Cache: cache, Used: used,
			Available: m.Free + cache}
		dst.Known |= SysKnownMemory
	}
	return err
}

func rdev(st *unix.Stat_t) uint64 { return st.Rdev }
