package collect

import (
	"errors"
	"os"

	"github.com/pidtop/pidtop/internal/winproc"
)

// winProc is what the Windows source remembers of one process between ticks:
// what costs a handle to read and cannot change while the process lives (Windows
// has no exec: a process keeps its image for life).
type winProc struct {
	name  string
	info  *Info // shared with the rows: never written, replaced
	known Known // KnownCmdline, KnownExe, KnownUser when they were read
	seen  uint32
}

// winSource lists every process and thread with one NtQuerySystemInformation
// call per tick and opens a process only when it is new (for its command line,
// image path and owner).
type winSource struct {
	list    winproc.Reader
	details winproc.DetailReader
	cpu     winproc.CPUReader
	fid     winproc.Fidelity
	cache   map[ID]*winProc
	alive   map[uint32]uint64 // PID -> creation time this tick, for parent checks
	sweep   uint32
	host    string
}

func newSource() (source, error) {
	s := &winSource{
		fid:   winproc.SystemFidelity(),
		cache: make(map[ID]*winProc),
		alive: make(map[uint32]uint64),
	}
	s.host, _ = os.Hostname()
	return s, nil
}

func (s *winSource) close() {}

func (s *winSource) readProcs(dst []Process, o readOptions, cost *Cost) []Process {
	tab, err := s.list.Read(o.Threads)
	if err != nil {
		cost.Errors++
		cost.LastErr = err.Error()
		return dst
	}
	s.sweep++
	clear(s.alive)
	for i := range tab.Procs {
		s.alive[tab.Procs[i].PID] = tab.Procs[i].CreateTime
	}
	for i := range tab.Procs {
		wp := &tab.Procs[i]
		e := s.entry(wp, o.CmdlineEveryTick, cost)
		if e == nil {
			continue
		}
		dst = append(dst, s.process(wp, e))
		if o.Needs&NeedIOChars != 0 && s.fid.IOCounters {
			// Windows counts I/O calls (ReadFile and the like, every device),
			// the nearest to Linux's syscr and syscw; it has no rchar/wchar
			// apart from its transfer bytes, which read_bytes shows.
			p := &dst[len(dst)-1]
			p.Extra = &Extra{ReadSyscalls: wp.ReadOps, WriteSyscalls: wp.WriteOps}
			p.Known |= KnownIOChars
		}
		if o.Threads && wp.PID != 0 {
			dst = s.appendThreads(dst, tab.ThreadsOf(i))
		}
	}
	for id, e := range s.cache {
		if e.seen != s.sweep {
			delete(s.cache, id)
		}
	}
	return dst
}

// entry returns the cache entry of wp, making it (and reading the details) when
// the process is new. nil means the process was gone before its details were read.
func (s *winSource) entry(wp *winproc.Process, everyTick bool, cost *Cost) *winProc {
	id := ID{PID: int32(wp.PID), Start: wp.CreateTime}
	e := s.cache[id]
	fresh := e == nil
	if fresh {
		e = &winProc{name: wp.Name()}
		if wp.PID == 0 {
			e.name = "System Idle Process" // the listing gives it no name
		}
	}
	if wp.PID != 0 && (fresh || everyTick) {
		d, err := s.details.Read(wp.PID, wp.CreateTime)
		if errors.Is(err, winproc.ErrGone) || errors.Is(err, winproc.ErrReused) {
			cost.Vanished++
			return nil
		}
		cost.Denied += d.Denied
		e.update(d, fresh)
	}
	e.seen = s.sweep
	s.cache[id] = e
	return e
}

// update takes what d could read: everything for a new process, the command line
// only on a later tick.
func (e *winProc) update(d winproc.Details, fresh bool) {
	info := e.info.clone()
	if d.HasCmdline {
		info.Cmdline, info.Argv0Len = d.Cmdline, int32(winproc.Argv0Len(d.Cmdline))
		e.known |= KnownCmdline
	}
	if fresh && d.HasExe {
		info.Exe = d.Exe
		e.known |= KnownExe
	}
	if fresh && d.HasUser {
		info.User = d.User
		e.known |= KnownUser
	}
	if e.info == nil || !info.same(e.info) {
		e.info = &info
	}
}

// readSystem reads per-CPU times, memory and uptime. Windows has no load
// average: SysKnownLoad stays clear (the running count comes from thread states).
func (s *winSource) readSystem(dst *rawSystem) error {
	dst.Hostname = s.host
	dst.Uptime = winproc.Uptime()
	dst.Known |= SysKnownUptime
	cpus, cpuErr := s.cpu.Read()
	if cpuErr == nil {
		dst.cpus = make([]cpuTimes, len(cpus))
		for i, c := range cpus {
			t := cpuTimes{User: c.User, System: c.System(), Idle: c.Idle, IRQ: c.Interrupt, SoftIRQ: c.DPC}
			dst.cpus[i] = t
			dst.cpuTotal.add(t)
		}
		dst.Known |= SysKnownCPU
	}
	ms, memErr := winproc.GlobalMemoryStatus()
	if memErr == nil {
		// AvailPhys counts standby (cache) pages as available, like Linux's
		// MemAvailable; Windows gives no separate free figure without counters.
		dst.Memory = Memory{
			Total:     ms.TotalPhys,
			Free:      ms.AvailPhys,
			Available: ms.AvailPhys,
			Used:      ms.TotalPhys - ms.AvailPhys,
		}
		dst.Swap.Total, dst.Swap.Used = ms.SwapEstimate()
		dst.Known |= SysKnownMemory | SysKnownSwap
	}
	return errors.Join(cpuErr, memErr)
}
