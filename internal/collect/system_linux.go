package collect

import "github.com/pidtop/pidtop/internal/procfs"

// readSystem reads /proc/stat, meminfo, loadavg and uptime. A file that fails
// leaves its part unknown; the first failure is returned for the status line.
func (s *linuxSource) readSystem(dst *rawSystem) error {
	var first error
	keep := func(err error) bool {
		if err != nil && first == nil {
			first = err
		}
		return err == nil
	}
	dst.Hostname = s.host
	dst.Restricted = s.restricted
	if b, err := s.r.ReadSystemFile("stat"); keep(err) && keep(procfs.ParseSysStat(b, &s.sys)) {
		dst.cpuTotal = cpuFrom(s.sys.Total)
		dst.cpus = make([]cpuTimes, len(s.sys.CPUs))
		for i, c := range s.sys.CPUs {
			dst.cpus[i] = cpuFrom(c)
		}
		dst.running = int(s.sys.ProcsRunning)
		t := &s.sys.Total
		dst.CPUTime = CPUTime{User: s.ticks(t.User), Nice: s.ticks(t.Nice), System: s.ticks(t.System),
			Idle: s.ticks(t.Idle), IOWait: s.ticks(t.IOWait), IRQ: s.ticks(t.IRQ), SoftIRQ: s.ticks(t.SoftIRQ),
			Steal: s.ticks(t.Steal)}
		dst.Known |= SysKnownCPU | SysKnownCPUTime
	}
	if b, err := s.r.ReadSystemFile("meminfo"); keep(err) && keep(procfs.ParseMeminfo(b, &s.mem)) {
		m := &s.mem
		cache := m.Cached + m.SReclaimable
		dst.Memory = Memory{
			Total:     m.MemTotal,
			Free:      m.MemFree,
			Available: m.MemAvailable,
			Buffers:   m.Buffers,
			Shared:    m.Shmem,
			Cache:     sub(cache, m.Shmem),
			Used:      sub(m.MemTotal, m.MemFree+m.Buffers+cache),
		}
		if !m.HasMemAvailable {
			dst.Memory.Available = m.MemFree + m.Buffers + cache
		}
		dst.Swap = Swap{Total: m.SwapTotal, Cache: m.SwapCached,
			Used: sub(m.SwapTotal, m.SwapFree+m.SwapCached)}
		dst.Known |= SysKnownMemory | SysKnownSwap
	}
	if s.loadRead {
		s.loadRead = false // read by list this tick
		dst.Load = [3]float64{s.load.Load1, s.load.Load5, s.load.Load15}
		dst.Known |= SysKnownLoad
	} else if b, err := s.r.ReadSystemFile("loadavg"); keep(err) && keep(procfs.ParseLoadAvg(b, &s.load)) {
		dst.Load = [3]float64{s.load.Load1, s.load.Load5, s.load.Load15}
		dst.Known |= SysKnownLoad
	}
	if b, err := s.r.ReadSystemFile("uptime"); keep(err) {
		up, _, err := procfs.ParseUptime(b)
		if keep(err) {
			dst.Uptime = up
			dst.Known |= SysKnownUptime
		}
	}
	return first
}

func sub(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}

func cpuFrom(c procfs.CPUStat) cpuTimes {
	return cpuTimes{User: c.User, Nice: c.Nice, System: c.System, Idle: c.Idle, IOWait: c.IOWait,
		IRQ: c.IRQ, SoftIRQ: c.SoftIRQ, Steal: c.Steal, Guest: c.Guest, GuestNice: c.GuestNice}
}
