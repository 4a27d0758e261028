package collect

import "github.com/pidtop/pidtop/internal/procfs"

// fillShown reads p's statm through a checked one-off read (see
// procfs.ReadStatmOf): the row came on screen after the tick that read it.
func fillShown(p *Process, memTotal uint64) bool {
	if p.Flags&(FlagExited|FlagThread) != 0 || !p.Known.Has(KnownStart) {
		return false
	}
	var m procfs.Statm
	if procfs.ReadStatmOf("/proc", p.PID, p.Start, &m) != nil {
		return false
	}
	page := uint64(procfs.PageSize())
	p.ShrBytes, p.ResBytes = m.Shared*page, m.Resident*page
	p.Known |= KnownShr | KnownRes
	if memTotal > 0 {
		p.MemPercent = 100 * float64(p.ResBytes) / float64(memTotal)
	}
	return true
}
