package collect

import "github.com/pidtop/pidtop/internal/procfs"

// readFirst appends the records of the first processes of /proc, in PID order,
// until n of them that are not kernel threads are in: a first look (see Config.FirstRows). It reads stat and the owner, each through an
// open, a read and a close on the helper's Reader, which keeps no descriptor:
// the tick's Reader has not grown its descriptor table yet, and the first pass
// that follows reads every process again anyway. It leaves the cache alone.
// It then counts every task into sys when it can (see countFirst): not in a
// restricted view, where loadavg counts the tasks hidden from it.
func (s *linuxSource) readFirst(dst []Process, n int, sys *System) []Process {
	if s.r2 == nil {
		r2, err := procfs.NewReader(procfs.ReaderConfig{Root: s.r.Root()})
		if err != nil {
			return dst
		}
		s.r2 = r2
	}
	r := s.r2
	var st procfs.Stat
	counted := 0
	kthreadd := false
	r.EachPID(func(pid int32) bool {
		if r.ReadStat(pid, &st) != nil {
			return true // gone, or not ours to read: the first pass will tell
		}
		p := s.record(&st, string(st.Comm()))
		if uid, err := r.UID(pid); err == nil {
			p.Info = &Info{UID: uid, User: s.users.name(uid)}
			p.Known |= KnownUser
		}
		if st.IsKernelThread() {
			p.Flags |= FlagKernelThread
			p.Known |= KnownCmdline // no command line: empty is the truth
			kthreadd = kthreadd || pid == 2 && p.Name == "kthreadd"
		}
		dst = append(dst, p)
		if !st.IsKernelThread() {
			counted++
		}
		return counted < n
	})
	sys.Restricted = s.restricted
	if kthreadd && !s.restricted {
		s.countFirst(r, sys)
	}
	return dst
}

// countFirst fills sys's task counts without reading a single process, so that
// a first look's header is whole: the processes are the entries of a listing
// of /proc; the kernel threads are kthreadd's children (it starts every other
// one) and kthreadd; the other threads are loadavg's count of every task in
// the system less the processes. This holds in the initial PID namespace only,
// where /proc shows every task loadavg counts: the caller has seen kthreadd as
// PID 2, which no other namespace has. Where a file is missing (a kernel
// without CONFIG_PROC_CHILDREN) or the figures do not add up, sys is left
// without counts and the header waits for the first snapshot. Tasks that come
// or go between the listing and the loadavg read can put the threads off by
// as many, for the 200 ms until the next snapshot; the first pass's counts
// span its ~50 ms of reads the same way.
func (s *linuxSource) countFirst(r *procfs.Reader, sys *System) {
	procs := 0
	if r.EachPID(func(int32) bool { procs++; return true }) != nil {
		return
	}
	var load procfs.LoadAvg
	b, err := r.ReadSystemFile("loadavg")
	if err != nil || procfs.ParseLoadAvg(b, &load) != nil || load.Total < procs {
		return
	}
	b, err = r.ReadSystemFile("2/task/2/children")
	if err != nil {
		return
	}
	kthreads := 1 + countWords(b) // its children and kthreadd
	if kthreads > procs {
		return
	}
	sys.Tasks, sys.KernelThreads, sys.Threads = procs, kthreads, load.Total-procs
	sys.Running = load.Running
	sys.Known |= SysKnownTasks
}

// countWords counts the runs of bytes other than spaces and newlines in b.
func countWords(b []byte) int {
	n, in := 0, false
	for _, c := range b {
		word := c != ' ' && c != '\n'
		if word && !in {
			n++
		}
		in = word
	}
	return n
}
