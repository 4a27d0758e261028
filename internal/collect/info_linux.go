package collect

// infoJob is one process whose owner, command line, executable or cgroup is to
// be read this tick.
type infoJob struct {
	pid int32
	e   *linuxProc
}

// runJobs reads the info of every queued job. Each job touches only its own
// entry.
func (s *linuxSource) runJobs(n Needs) {
	for _, j := range s.jobs {
		s.loadInfo(s.r, j.pid, j.e, n)
	}
}

// patchInfo gives each row its entry's info (s.ents, one entry per row), naming
// users here, on the collector's goroutine, where the user cache lives.
func (s *linuxSource) patchInfo(rows []Process) {
	for i := range rows {
		p, e := &rows[i], s.ents[i]
		if e.fresh {
			// Written this tick by loadInfo, in no row until now.
			if e.known&KnownUser != 0 && e.info.User == "" {
				e.info.User = s.users.name(e.info.UID)
			}
			e.fresh = false
		}
		p.Info = e.info
		p.Known = p.Known&^infoBits | e.known&infoBits
		if p.Is(FlagKernelThread) {
			p.Known |= KnownCmdline // no command line: empty is the truth
		}
	}
}
