package winproc

// Arch is the pointer width, in bytes, of the system that wrote a buffer. The
// native structures hold pointer-sized fields (HANDLE, SIZE_T, PVOID), so their
// layout differs between 64-bit and 32-bit Windows.
type Arch int

// The two layouts Windows uses.
const (
	Arch64 Arch = 8 // amd64, arm64
	Arch32 Arch = 4 // 386, arm
)

// procLayout holds the byte offsets of the SYSTEM_PROCESS_INFORMATION fields we read
// (winternl.h plus the documented-by-practice tail; x/sys/windows has the same
// struct, and a Windows test compares these offsets with it).
type procLayout struct {
	size                                  int
	next, threads, wsPrivate, hardFaults  int
	create, user, kernel                  int
	nameLen, nameBuf                      int
	basePrio, pid, ppid, handles, session int
	peakVirt, virt, faults, peakWS, ws    int
	pagefile, private                     int
	readOps, writeOps, otherOps           int
	readBytes, writeBytes, otherBytes     int
}

// threadLayout holds the byte offsets of SYSTEM_THREAD_INFORMATION, which x/sys
// does not declare. The entries follow their process entry back to back.
type threadLayout struct {
	size                                      int
	kernel, user, create, waitTime, startAddr int
	pid, tid, prio, basePrio, switches        int
	state, waitReason                         int
}

var proc64 = procLayout{
	size: 256, next: 0, threads: 4, wsPrivate: 8, hardFaults: 16,
	create: 32, user: 40, kernel: 48, nameLen: 56, nameBuf: 64,
	basePrio: 72, pid: 80, ppid: 88, handles: 96, session: 100,
	peakVirt: 112, virt: 120, faults: 128, peakWS: 136, ws: 144,
	pagefile: 184, private: 200,
	readOps: 208, writeOps: 216, otherOps: 224,
	readBytes: 232, writeBytes: 240, otherBytes: 248,
}

var proc32 = procLayout{
	size: 184, next: 0, threads: 4, wsPrivate: 8, hardFaults: 16,
	create: 32, user: 40, kernel: 48, nameLen: 56, nameBuf: 60,
	basePrio: 64, pid: 68, ppid: 72, handles: 76, session: 80,
	peakVirt: 88, virt: 92, faults: 96, peakWS: 100, ws: 104,
	pagefile: 124, private: 132,
	readOps: 136, writeOps: 144, otherOps: 152,
	readBytes: 160, writeBytes: 168, otherBytes: 176,
}

var thread64 = threadLayout{
	size: 80, kernel: 0, user: 8, create: 16, waitTime: 24, startAddr: 32,
	pid: 40, tid: 48, prio: 56, basePrio: 60, switches: 64, state: 68, waitReason: 72,
}

var thread32 = threadLayout{
	size: 64, kernel: 0, user: 8, create: 16, waitTime: 24, startAddr: 28,
	pid: 32, tid: 36, prio: 40, basePrio: 44, switches: 48, state: 52, waitReason: 56,
}

// layouts returns the process and thread layouts of a.
func (a Arch) layouts() (procLayout, threadLayout, bool) {
	switch a {
	case Arch64:
		return proc64, thread64, true
	case Arch32:
		return proc32, thread32, true
	}
	return procLayout{}, threadLayout{}, false
}

// ProcEntrySize is the size of one SYSTEM_PROCESS_INFORMATION entry for a.
func (a Arch) ProcEntrySize() int { p, _, _ := a.layouts(); return p.size }

// ThreadEntrySize is the size of one SYSTEM_THREAD_INFORMATION entry for a.
func (a Arch) ThreadEntrySize() int { _, t, _ := a.layouts(); return t.size }
