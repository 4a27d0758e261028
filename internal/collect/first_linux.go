package collect

import "github.com/pidtop/pidtop/internal/procfs"

// readFirst appends the records of the first processes of /proc, in PID order,
// until n of them that are not kernel threads are in: a first look (see Config.FirstRows). It reads stat and the owner, each through an
// open, a read and a close on the helper's Reader, which keeps no descriptor:
// the tick's Reader has not grown its descriptor table yet, and the first pass
// that follows reads every process again anyway. It leaves the cache alone.
func (s *linuxSource) readFirst(dst []Process, n int) []Process {
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
		}
		dst = append(dst, p)
		if !st.IsKernelThread() {
			counted++
		}
		return counted < n
	})
	return dst
}
