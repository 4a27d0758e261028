package winproc

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
)

// Process is one SYSTEM_PROCESS_INFORMATION entry. Times are in 100 ns units,
// CreateTime is a FILETIME (100 ns units since 1601-01-01 UTC), sizes are bytes.
type Process struct {
	PID          uint32 // UniqueProcessId
	PPID         uint32 // InheritedFromUniqueProcessId: the creator, possibly long gone
	CreateTime   uint64 // CreateTime, FILETIME
	UserTime     uint64 // UserTime, 100 ns
	KernelTime   uint64 // KernelTime, 100 ns
	BasePriority int32  // BasePriority: 4 idle .. 8 normal .. 13 high, 24 realtime
	Threads      uint32 // NumberOfThreads
	Handles      uint32 // HandleCount
	Session      uint32 // SessionId (terminal-services session)

	VirtualSize       uint64 // VirtualSize
	PeakVirtualSize   uint64 // PeakVirtualSize
	WorkingSet        uint64 // WorkingSetSize: resident bytes
	PeakWorkingSet    uint64 // PeakWorkingSetSize
	PrivateWorkingSet uint64 // WorkingSetPrivateSize (Vista+; 0 where not filled)
	PagefileUsage     uint64 // PagefileUsage: committed private bytes
	PrivateBytes      uint64 // PrivatePageCount, despite its name in bytes
	PageFaults        uint32 // PageFaultCount, soft and hard
	HardFaults        uint32 // HardFaultCount (Windows 7+)

	ReadOps, WriteOps, OtherOps       uint64 // I/O operation counts, all devices
	ReadBytes, WriteBytes, OtherBytes uint64 // I/O transfer bytes, all devices

	State    RunState // summary of the thread states, see RunState
	Runnable int32    // threads running or ready to run

	name        []byte // ImageName as UTF-16LE, aliasing the decoded buffer
	firstThread int    // index of the first of its threads in Table.Threads
	nThreads    int    // its threads in Table.Threads (0 when threads were not kept)
}

// NameUTF16 returns the image name as UTF-16LE bytes that alias the buffer the
// table was decoded from: valid until the next decode into that buffer.
func (p *Process) NameUTF16() []byte { return p.name }

// Name returns the image name (e.g. "svchost.exe"); empty for the idle process.
func (p *Process) Name() string { return DecodeUTF16(p.name) }

// Thread is one SYSTEM_THREAD_INFORMATION entry. Times are as in Process.
type Thread struct {
	TID             uint32 // ClientId.UniqueThread
	PID             uint32 // ClientId.UniqueProcess
	CreateTime      uint64 // FILETIME
	UserTime        uint64 // 100 ns
	KernelTime      uint64 // 100 ns
	WaitTime        uint32 // WaitTime, clock ticks
	StartAddress    uint64 // StartAddress
	Priority        int32  // current (dynamic) priority, 0..31
	BasePriority    int32  // base priority, 0..31
	ContextSwitches uint32 // ContextSwitches
	State           ThreadState
	WaitReason      WaitReason
}

// Table is one decoded SystemProcessInformation buffer. Decode reuses its slices,
// so a table is valid until the next Decode into it.
type Table struct {
	Procs   []Process
	Threads []Thread // filled only when Decode is asked for threads

	ThreadTotal   int // threads over all processes
	HandleTotal   int // handles over all processes
	RunnableTotal int // threads running or ready, the idle process's excepted
}

// ThreadsOf returns the threads of t.Procs[i] (empty when threads were not kept).
func (t *Table) ThreadsOf(i int) []Thread {
	p := &t.Procs[i]
	return t.Threads[p.firstThread : p.firstThread+p.nThreads]
}

// Decode walks a SystemProcessInformation buffer into t. base is the address the
// buffer had when the system filled it: the ImageName pointers are absolute, and a
// name is accepted only if it lies inside b. The thread entries are always walked
// (they give the process state); they are kept in t.Threads only if threads is true.
// Decode allocates only to grow t's slices.
func Decode(b []byte, base uint64, a Arch, threads bool, t *Table) error {
	pl, tl, ok := a.layouts()
	if !ok {
		return fmt.Errorf("decode: pointer size %d: %w", a, ErrMalformed)
	}
	*t = Table{Procs: t.Procs[:0], Threads: t.Threads[:0]}
	if len(b) == 0 {
		return nil
	}
	r := reader{a: a}
	for off := 0; ; {
		if off+pl.size > len(b) {
			return fmt.Errorf("decode: process entry at %d past the end (%d): %w", off, len(b), ErrMalformed)
		}
		e := b[off:]
		next := int(r.u32(e, pl.next))
		n := int(r.u32(e, pl.threads))
		end := len(b)
		if next != 0 {
			if next < pl.size || off+next > len(b) {
				return fmt.Errorf("decode: next entry offset %d at %d: %w", next, off, ErrMalformed)
			}
			end = off + next
		}
		if n > (end-off-pl.size)/tl.size {
			return fmt.Errorf("decode: %d threads do not fit entry at %d: %w", n, off, ErrMalformed)
		}
		p := r.process(e, pl)
		p.name = r.name(b, base, e, pl)
		p.firstThread = len(t.Threads)
		var tally stateTally
		for i := range n {
			te := e[pl.size+i*tl.size:]
			th := r.thread(te, tl)
			tally.add(th.State, th.WaitReason)
			if threads {
				t.Threads = append(t.Threads, th)
			}
		}
		p.State, p.Runnable = tally.state(), int32(tally.runnable)
		p.nThreads = len(t.Threads) - p.firstThread
		t.Procs = append(t.Procs, p)
		t.ThreadTotal += int(p.Threads)
		t.HandleTotal += int(p.Handles)
		if p.PID != 0 {
			t.RunnableTotal += tally.runnable
		}
		if next == 0 {
			return nil
		}
		off += next
	}
}

// reader reads little-endian fields of one layout.
type reader struct{ a Arch }

func (reader) u16(b []byte, off int) uint16 { return binary.LittleEndian.Uint16(b[off:]) }
func (reader) u32(b []byte, off int) uint32 { return binary.LittleEndian.Uint32(b[off:]) }
func (reader) u64(b []byte, off int) uint64 { return binary.LittleEndian.Uint64(b[off:]) }

// ptr reads a pointer-sized field (HANDLE, SIZE_T, PVOID).
func (r reader) ptr(b []byte, off int) uint64 {
	if r.a == Arch32 {
		return uint64(r.u32(b, off))
	}
	return r.u64(b, off)
}

func (r reader) process(e []byte, l procLayout) Process {
	return Process{
		PID:               uint32(r.ptr(e, l.pid)),
		PPID:              uint32(r.ptr(e, l.ppid)),
		CreateTime:        r.u64(e, l.create),
		UserTime:          r.u64(e, l.user),
		KernelTime:        r.u64(e, l.kernel),
		BasePriority:      int32(r.u32(e, l.basePrio)),
		Threads:           r.u32(e, l.threads),
		Handles:           r.u32(e, l.handles),
		Session:           r.u32(e, l.session),
		VirtualSize:       r.ptr(e, l.virt),
		PeakVirtualSize:   r.ptr(e, l.peakVirt),
		WorkingSet:        r.ptr(e, l.ws),
		PeakWorkingSet:    r.ptr(e, l.peakWS),
		PrivateWorkingSet: r.u64(e, l.wsPrivate),
		PagefileUsage:     r.ptr(e, l.pagefile),
		PrivateBytes:      r.ptr(e, l.private),
		PageFaults:        r.u32(e, l.faults),
		HardFaults:        r.u32(e, l.hardFaults),
		ReadOps:           r.u64(e, l.readOps),
		WriteOps:          r.u64(e, l.writeOps),
		OtherOps:          r.u64(e, l.otherOps),
		ReadBytes:         r.u64(e, l.readBytes),
		WriteBytes:        r.u64(e, l.writeBytes),
		OtherBytes:        r.u64(e, l.otherBytes),
	}
}

func (r reader) thread(e []byte, l threadLayout) Thread {
	return Thread{
		TID:             uint32(r.ptr(e, l.tid)),
		PID:             uint32(r.ptr(e, l.pid)),
		CreateTime:      r.u64(e, l.create),
		UserTime:        r.u64(e, l.user),
		KernelTime:      r.u64(e, l.kernel),
		WaitTime:        r.u32(e, l.waitTime),
		StartAddress:    r.ptr(e, l.startAddr),
		Priority:        int32(r.u32(e, l.prio)),
		BasePriority:    int32(r.u32(e, l.basePrio)),
		ContextSwitches: r.u32(e, l.switches),
		State:           ThreadState(r.u32(e, l.state)),
		WaitReason:      WaitReason(r.u32(e, l.waitReason)),
	}
}

// name returns the entry's ImageName bytes if its pointer lies inside b; a name
// that points elsewhere (or has an odd length) is dropped, never followed.
func (r reader) name(b []byte, base uint64, e []byte, l procLayout) []byte {
	n := uint64(r.u16(e, l.nameLen))
	p := r.ptr(e, l.nameBuf)
	if n == 0 || n%2 != 0 || p < base {
		return nil
	}
	o := p - base
	if o > uint64(len(b)) || n > uint64(len(b))-o {
		return nil
	}
	return b[o : o+n]
}

// DecodeUTF16 converts UTF-16LE bytes to a string; unpaired surrogates become
// U+FFFD. An odd final byte is ignored.
func DecodeUTF16(b []byte) string {
	if len(b) < 2 {
		return ""
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}
