package collect

import "github.com/pidtop/pidtop/internal/procfs"

// fillShown reads what the tick left out of p, a row now on screen: statm (the
// exact RES, SHR) and a command line the tick could not read. The reads go
// through a /proc/PID directory checked against p's start time (procfs.ProcDir).
func fillShown(p *Process, memTotal uint64) {
	if p.Flags&(FlagExited|FlagThread) != 0 || !p.Known.Has(KnownStart) {
		return
	}
	wantCmd := !p.Known.Has(KnownCmdline) && p.Flags&FlagKernelThread == 0
	if p.Known.Has(KnownShr) && !wantCmd {
		return
	}
	d, err := procfs.OpenProcDir("/proc", p.PID, p.Start)
	if err != nil {
		return
	}
	defer d.Close()
	var m procfs.Statm
	if !p.Known.Has(KnownShr) && d.ReadStatm(&m) == nil {
		page := uint64(procfs.PageSize())
		p.ShrBytes, p.ResBytes = m.Shared*page, m.Resident*page
		p.Known |= KnownShr | KnownRes
		p.MemPercent = memPercent(p.ResBytes, memTotal)
	}
	if wantCmd {
		if b, err := d.ReadFile("cmdline"); err == nil {
			if cmd, argv0 := procfs.ParseCmdline(b); cmd != "" {
				info := *p.info() // shared with the snapshot's records
				info.Cmdline, info.Argv0Len, info.ArgSeps = cmd, int32(argv0), procfs.ArgSeps(b)
				p.Info = &info
				p.Known |= KnownCmdline
			}
		}
	}
}
