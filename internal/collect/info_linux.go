package collect

import (
	"runtime"
	"sync"

	"github.com/pidtop/pidtop/internal/layer"
	"github.com/pidtop/pidtop/internal/procfs"
)

// infoJob is one process whose owner, command line, executable or cgroup is to
// be read this tick.
type infoJob struct {
	pid int32
	e   *linuxProc
}

// parallelInfoMin is the number of info reads from which a tick shares them with
// a second goroutine. A steady tick has a handful of new processes and reads
// them inline; the first tick has every process (5,000 processes: ~20,000
// syscalls), and on two cores halving it is what brings the first frame in.
var parallelInfoMin = 256 // a variable so tests can force the parallel path

// runJobs reads the info of every queued job: inline when there are few, split
// with a worker goroutine (its own Reader and buffer, no kept descriptors) when
// there are many. Each job touches only its own entry.
func (s *linuxSource) runJobs(n Needs) {
	jobs := s.jobs
	// With one P (the viewer sets GOMAXPROCS=1) the raw syscalls of the two
	// goroutines would only take turns: no worker, no second Reader. Nor when
	// the owner is all there is to read (a light first tick): it is an fstat
	// of the stat descriptor the tick's Reader keeps, where the worker's
	// Reader, which keeps none, would look up /proc/PID again.
	files := n&(NeedCmdline|NeedExe|NeedCgroup) != 0
	many := len(jobs) >= parallelInfoMin && runtime.GOMAXPROCS(0) > 1 && files && layer.On(layer.Prefetch)
	if many && s.r2 == nil {
		if r2, err := procfs.NewReader(procfs.ReaderConfig{Root: s.r.Root()}); err == nil {
			s.r2 = r2
		}
	}
	if !many || s.r2 == nil {
		for _, j := range jobs {
			s.loadInfo(s.r, j.pid, j.e, n)
		}
		return
	}
	half := len(jobs) / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, j := range jobs[half:] {
			s.loadInfo(s.r2, j.pid, j.e, n)
		}
	}()
	for _, j := range jobs[:half] {
		s.loadInfo(s.r, j.pid, j.e, n)
	}
	wg.Wait()
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
