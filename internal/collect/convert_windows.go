package collect

import "github.com/pidtop/pidtop/internal/winproc"

// systemPID is the PID of Windows' "System" process, whose threads run in the
// kernel; PID 0 is the idle process. Both are shown as kernel threads.
const systemPID = 4

// process turns one listing entry and its cache entry into a neutral record.
func (s *winSource) process(wp *winproc.Process, e *winProc) Process {
	p := Process{
		ID:         ID{PID: int32(wp.PID), Start: wp.CreateTime},
		PPID:       s.parent(wp),
		TGID:       int32(wp.PID),
		State:      StateUnknown,
		Priority:   wp.BasePriority,
		Nice:       int32(winproc.ClassForBasePriority(wp.BasePriority).Nice()),
		Threads:    int32(wp.Threads),
		StartedNs:  startedNs(wp.CreateTime),
		UserTime:   winproc.Duration100ns(wp.UserTime),
		SystemTime: winproc.Duration100ns(wp.KernelTime),
		VirtBytes:  wp.VirtualSize,
		ResBytes:   wp.WorkingSet,
		Name:       e.name,
		Info:       e.info,
		Known:      KnownPPID | KnownPriority | KnownThreads | KnownCPU | KnownVirt | KnownRes | e.known,
	}
	if wp.CreateTime != 0 {
		p.Known |= KnownStart
	}
	if wp.PID == 0 || wp.PID == systemPID {
		p.Flags |= FlagKernelThread
	}
	if s.fid.ThreadStates {
		p.State, p.Known = runStateLetter(wp), p.Known|KnownState
	}
	if s.fid.PrivateWorkingSet && wp.PrivateWorkingSet <= wp.WorkingSet {
		p.ShrBytes, p.Known = wp.WorkingSet-wp.PrivateWorkingSet, p.Known|KnownShr
	}
	if s.fid.IOCounters {
		p.ReadBytes, p.WriteBytes, p.Known = wp.ReadBytes, wp.WriteBytes, p.Known|KnownIO
	}
	if s.fid.PageFaults {
		p.MajorFaults = uint64(wp.HardFaults)
		p.MinorFaults = uint64(wp.PageFaults - min(wp.HardFaults, wp.PageFaults))
		p.Known |= KnownFaults
	}
	return p
}

// parent returns wp's parent PID while that parent lives. Windows does not
// reparent: InheritedFromUniqueProcessId keeps naming the creator after it exits,
// when the PID may already be another, younger process's. Such a PID is shown as
// 0, as an orphan's parent, so that trees do not hang processes under strangers.
func (s *winSource) parent(wp *winproc.Process) int32 {
	created, ok := s.alive[wp.PPID]
	if wp.PPID == 0 || wp.PPID == wp.PID || !ok || created > wp.CreateTime {
		return 0
	}
	return int32(wp.PPID)
}

// appendThreads adds one row per thread of the process last appended to dst.
// Thread rows share the process's memory figures and details; their own are the
// state, priority, start and CPU times. Windows has no per-thread I/O or fault
// counts.
func (s *winSource) appendThreads(dst []Process, threads []winproc.Thread) []Process {
	owner := len(dst) - 1
	for i := range threads {
		th := &threads[i]
		t := dst[owner]
		t.ID = ID{PID: int32(th.TID), Start: th.CreateTime}
		t.Flags = dst[owner].Flags&FlagKernelThread | FlagThread
		t.StartedNs = startedNs(th.CreateTime)
		t.UserTime = winproc.Duration100ns(th.UserTime)
		t.SystemTime = winproc.Duration100ns(th.KernelTime)
		t.ReadBytes, t.WriteBytes, t.MinorFaults, t.MajorFaults = 0, 0, 0, 0
		t.Known &^= KnownIO | KnownFaults | KnownState | KnownPriority
		if s.fid.ThreadStates {
			t.State, t.Priority = threadStateLetter(th.State, th.WaitReason), th.Priority
			t.Known |= KnownState | KnownPriority
		}
		dst = append(dst, t)
	}
	return dst
}

// runStateLetter maps a process's summarised thread states onto ps letters:
// R some thread runs or is ready, S all wait, T all are suspended, Z no live
// thread (exited, kept by an open handle). The idle process is I.
func runStateLetter(wp *winproc.Process) State {
	if wp.PID == 0 {
		return 'I'
	}
	switch wp.State {
	case winproc.RunRunning:
		return 'R'
	case winproc.RunSuspended:
		return 'T'
	case winproc.RunExited:
		return 'Z'
	}
	return 'S'
}

// threadStateLetter maps one thread's state the same way.
func threadStateLetter(st winproc.ThreadState, r winproc.WaitReason) State {
	switch {
	case st == winproc.ThreadTerminated:
		return 'Z'
	case winproc.Suspended(st, r):
		return 'T'
	case st == winproc.ThreadWaiting, st == winproc.ThreadGateWait:
		return 'S'
	}
	return 'R'
}

// startedNs is a FILETIME creation time in Unix nanoseconds, 0 when unknown.
func startedNs(ft uint64) int64 {
	if ft == 0 {
		return 0
	}
	return winproc.FiletimeToTime(ft).UnixNano()
}
