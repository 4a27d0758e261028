package winproc

import "encoding/binary"

// structWriter lays C structs out field by field with natural alignment for one
// pointer size, independently of the decoder's offset tables: a test that decodes
// what it writes checks those tables against the C declarations.
type structWriter struct {
	b   []byte
	ptr int
}

func (w *structWriter) align(n int) {
	for len(w.b)%n != 0 {
		w.b = append(w.b, 0)
	}
}

func (w *structWriter) u16(v uint16) { w.align(2); w.b = binary.LittleEndian.AppendUint16(w.b, v) }
func (w *structWriter) u32(v uint32) { w.align(4); w.b = binary.LittleEndian.AppendUint32(w.b, v) }
func (w *structWriter) u64(v uint64) { w.align(8); w.b = binary.LittleEndian.AppendUint64(w.b, v) }

func (w *structWriter) uptr(v uint64) {
	if w.ptr == 4 {
		w.u32(uint32(v))
		return
	}
	w.u64(v)
}

// fakeProc is one process entry to write: its fields, name and threads.
type fakeProc struct {
	p       Process
	name    []byte // UTF-16LE
	threads []Thread
	// namePtr, when set, replaces the pointer to the name (to point it elsewhere).
	namePtr func(base, at uint64) uint64
}

// buildSPI writes a SystemProcessInformation buffer as the system lays it out at
// address base: each entry is SYSTEM_PROCESS_INFORMATION, then its threads, then
// its name, 8-aligned, and NextEntryOffset points to the next entry (0 on the last).
func buildSPI(a Arch, base uint64, procs []fakeProc) []byte {
	w := &structWriter{ptr: int(a)}
	for i, fp := range procs {
		start := len(w.b)
		p := fp.p
		w.u32(0) // NextEntryOffset, patched below
		w.u32(uint32(len(fp.threads)))
		w.u64(p.PrivateWorkingSet)
		w.u32(p.HardFaults)
		w.u32(0)      // NumberOfThreadsHighWatermark
		w.u64(0xc1c1) // CycleTime
		w.u64(p.CreateTime)
		w.u64(p.UserTime)
		w.u64(p.KernelTime)
		w.u16(uint16(len(fp.name)))
		w.u16(uint16(len(fp.name)))
		w.align(w.ptr)
		nameAt := len(w.b)
		w.uptr(0) // ImageName.Buffer, patched below
		w.u32(uint32(p.BasePriority))
		w.uptr(uint64(p.PID))
		w.uptr(uint64(p.PPID))
		w.u32(p.Handles)
		w.u32(p.Session)
		w.uptr(0) // UniqueProcessKey
		w.uptr(p.PeakVirtualSize)
		w.uptr(p.VirtualSize)
		w.u32(p.PageFaults)
		w.uptr(p.PeakWorkingSet)
		w.uptr(p.WorkingSet)
		for range 4 { // quota pool usages
			w.uptr(0x9999)
		}
		w.uptr(p.PagefileUsage)
		w.uptr(0) // PeakPagefileUsage
		w.uptr(p.PrivateBytes)
		for _, v := range []uint64{p.ReadOps, p.WriteOps, p.OtherOps, p.ReadBytes, p.WriteBytes, p.OtherBytes} {
			w.u64(v)
		}
		w.align(8)
		for _, t := range fp.threads {
			writeThread(w, t)
		}
		nameOff := uint64(len(w.b))
		w.b = append(w.b, fp.name...)
		w.align(8)
		ptr := base + nameOff
		if fp.namePtr != nil {
			ptr = fp.namePtr(base, nameOff)
		}
		if len(fp.name) == 0 && fp.namePtr == nil {
			ptr = 0
		}
		putPtr(w, nameAt, ptr)
		if i < len(procs)-1 {
			binary.LittleEndian.PutUint32(w.b[start:], uint32(len(w.b)-start))
		}
	}
	return w.b
}

func writeThread(w *structWriter, t Thread) {
	w.u64(t.KernelTime)
	w.u64(t.UserTime)
	w.u64(t.CreateTime)
	w.u32(t.WaitTime)
	w.uptr(t.StartAddress)
	w.uptr(uint64(t.PID))
	w.uptr(uint64(t.TID))
	w.u32(uint32(t.Priority))
	w.u32(uint32(t.BasePriority))
	w.u32(t.ContextSwitches)
	w.u32(uint32(t.State))
	w.u32(uint32(t.WaitReason))
	w.align(8)
}

func putPtr(w *structWriter, at int, v uint64) {
	if w.ptr == 4 {
		binary.LittleEndian.PutUint32(w.b[at:], uint32(v))
		return
	}
	binary.LittleEndian.PutUint64(w.b[at:], v)
}

// utf16le encodes s as UTF-16LE bytes.
func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			b = binary.LittleEndian.AppendUint16(b, uint16(0xd800+(r>>10)))
			b = binary.LittleEndian.AppendUint16(b, uint16(0xdc00+(r&0x3ff)))
			continue
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(r))
	}
	return b
}
