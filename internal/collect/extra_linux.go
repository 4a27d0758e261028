package collect

import (
	"errors"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// extraSlab hands out Extra records in chunks: one allocation per chunk rather
// than per process, and a chunk is never reallocated, so a record handed out
// stays where a published snapshot points to it.
type extraSlab struct {
	buf  []Extra
	last *Extra // the record handed out last, this tick (see ownExtra)
}

const extraChunk = 256

func (x *extraSlab) next() *Extra {
	if len(x.buf) == cap(x.buf) {
		x.buf = make([]Extra, 0, extraChunk)
	}
	x.buf = append(x.buf, Extra{})
	return &x.buf[len(x.buf)-1]
}

// extraBits are the Known bits of the figures readExtra reads again every tick
// (a record kept by SkipIdle drops them until then).
const extraBits = KnownIOChars | KnownCtxt | KnownSmaps | KnownOOM | KnownIOPrio

// ownExtra gives p an Extra of its own to write: a copy of the one it shares
// with an earlier tick's record, or a new one. The record handed out last is
// already p's (statExtra, then readExtra, fill one process at a time), so it
// is not copied again; readProcs forgets it when a tick starts, since an idle process's Extra
// may be the last one of the tick before, which a published snapshot holds.
func (s *linuxSource) ownExtra(p *Process) *Extra {
	if p.Extra != nil && p.Extra == s.extras.last {
		return p.Extra
	}
	x := s.extras.next()
	s.extras.last = x
	if p.Extra != nil {
		*x = *p.Extra
	}
	p.Extra = x
	return x
}

// statExtra fills the figures of n that stat gave, from st.
func (s *linuxSource) statExtra(p *Process, st *procfs.Stat, n Needs) {
	if n&NeedStatExtra == 0 {
		return
	}
	x := s.ownExtra(p)
	x.TPGID = st.TPGID
	x.ChildUserTime, x.ChildSystemTime = s.ticks(uint64(max(st.CUTime, 0))), s.ticks(uint64(max(st.CSTime, 0)))
	x.ChildMinorFaults, x.ChildMajorFaults = st.CMinFlt, st.CMajFlt
	p.Known |= KnownStatExtra | KnownTPGID
}

// readExtra reads the figures of n beyond stat, statm and io for the process p
// (not a thread). A figure that cannot be read stays unknown; one denied is
// counted once per process and tick.
func (s *linuxSource) readExtra(p *Process, n Needs, cost *Cost) {
	if n&(NeedExtra&^NeedStatExtra) == 0 {
		return
	}
	x := s.ownExtra(p)
	p.Known &^= extraBits
	kernel := p.Is(FlagKernelThread)
	denied := false
	fail := func(err error) {
		if err != nil && !errors.Is(err, procfs.ErrGone) && !errors.Is(err, procfs.ErrMalformed) {
			denied = true
		}
	}
	if n&NeedIOChars != 0 && !kernel {
		fail(s.ioChars(p, x, n))
	}
	if n&NeedCtxt != 0 {
		if b, err := s.r.ReadFile(p.PID, "status"); err == nil && procfs.ParseStatus(b, &s.status) == nil {
			x.CtxtSwitches = s.status.VoluntaryCtxtSwitches + s.status.NonvoluntaryCtxtSwitches
			p.Known |= KnownCtxt
		} else {
			fail(err)
		}
	}
	if n&NeedSmaps != 0 && !kernel {
		if b, err := s.r.ReadFile(p.PID, "smaps_rollup"); err == nil && procfs.ParseSmapsRollup(b, &s.smaps) == nil {
			x.PSSBytes, x.SwapBytes, x.USSBytes = s.smaps.Pss, s.smaps.Swap, s.smaps.Uss()
			p.Known |= KnownSmaps
		} else {
			fail(err)
		}
	}
	if n&NeedOOM != 0 {
		if b, err := s.r.ReadFile(p.PID, "oom_score"); err == nil {
			if v, err := procfs.ParseOOMScore(b); err == nil {
				x.OOMScore, p.Known = v, p.Known|KnownOOM
			}
		} else {
			fail(err)
		}
	}
	if n&NeedIOPrio != 0 {
		if v, err := ioprioGet(p.PID); err == nil {
			x.IOPrio, p.Known = v, p.Known|KnownIOPrio
		}
	}
	if denied {
		cost.Denied++
	}
}

// ioChars fills x's I/O call counts from io, which optional has read already
// this tick when NeedIO is set too.
func (s *linuxSource) ioChars(p *Process, x *Extra, n Needs) error {
	if n&NeedIO == 0 || !p.Known.Has(KnownIO) {
		b, err := s.r.ReadFile(p.PID, "io")
		if err != nil {
			return err
		}
		if err := procfs.ParseIO(b, &s.io); err != nil {
			return err
		}
	}
	x.ReadChars, x.WriteChars, x.ReadSyscalls, x.WriteSyscalls = s.io.RChar, s.io.WChar, s.io.SyscR, s.io.SyscW
	p.Known |= KnownIOChars
	return nil
}

// ioprioGet is ioprio_get(IOPRIO_WHO_PROCESS, pid): the I/O priority of the
// process's main thread. x/sys has the call's number but no wrapper.
func ioprioGet(pid int32) (int32, error) {
	const whoProcess = 1
	r, _, errno := unix.RawSyscall(unix.SYS_IOPRIO_GET, whoProcess, uintptr(pid), 0)
	if errno != 0 {
		return 0, errno
	}
	return int32(r), nil
}
