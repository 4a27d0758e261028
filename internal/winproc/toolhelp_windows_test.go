package winproc

import (
	"os"
	"runtime"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc/wintest"
)

// memCounters is PROCESS_MEMORY_COUNTERS (psapi.h).
type memCounters struct {
	cb                                 uint32
	pageFaultCount                     uint32
	peakWorkingSetSize, workingSetSize uintptr
	quotas                             [4]uintptr
	pagefileUsage, peakPagefileUsage   uintptr
}

var procK32GetProcessMemoryInfo = modkernel32.NewProc("K32GetProcessMemoryInfo")

// toolhelp lists processes the way tasklist does: CreateToolhelp32Snapshot.
func toolhelp(t *testing.T) map[uint32]windows.ProcessEntry32 {
	t.Helper()
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer windows.CloseHandle(snap)
	out := map[uint32]windows.ProcessEntry32{}
	e := windows.ProcessEntry32{Size: uint32(unsafe.Sizeof(windows.ProcessEntry32{}))}
	for err = windows.Process32First(snap, &e); err == nil; err = windows.Process32Next(snap, &e) {
		out[e.ProcessID] = e
	}
	return out
}

// between reports whether v lies between a and b, in either order.
func between(v, a, b uint64) bool { return min(a, b) <= v && v <= max(a, b) }

// TestListingMatchesToolhelp compares two listings with what Toolhelp32,
// GetProcessTimes and GetProcessMemoryInfo say in between, PID by PID: what may
// change between the calls must lie between the two listings' values.
func TestListingMatchesToolhelp(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	child := wintest.Start(t, wintest.ModeSleep, 0)
	var r1, r2 Reader
	first, err := r1.Read(false)
	if err != nil {
		t.Fatal(err)
	}
	th := toolhelp(t)
	type measured struct {
		create, kernel, user uint64
		ws                   uint64
		ok                   bool
	}
	m := map[uint32]measured{}
	for pid := range th {
		m[pid] = measure(pid)
	}
	second, err := r2.Read(false)
	if err != nil {
		t.Fatal(err)
	}
	compared, timed, cpuCompared, wsCompared := 0, 0, 0, 0
	for i := range first.Procs {
		a := &first.Procs[i]
		j := findProc(second, a.PID)
		e, ok := th[a.PID]
		if j < 0 || !ok || a.PID == 0 {
			continue
		}
		b := &second.Procs[j]
		if a.CreateTime != b.CreateTime || a.Name() != b.Name() || a.Name() == "" {
			// Caught while it was being created (Wine lists a process that
			// another test binary is starting with no name and an unset
			// creation time): not the same record twice, nothing to compare.
			continue
		}
		compared++
		if name := windows.UTF16ToString(e.ExeFile[:]); name != a.Name() {
			t.Errorf("pid %d: name %q, toolhelp %q", a.PID, a.Name(), name)
		}
		if e.ParentProcessID != a.PPID {
			t.Errorf("pid %d: parent %d, toolhelp %d", a.PID, a.PPID, e.ParentProcessID)
		}
		if !between(uint64(e.Threads), uint64(a.Threads), uint64(b.Threads)) {
			t.Errorf("pid %d: threads %d then %d, toolhelp %d", a.PID, a.Threads, b.Threads, e.Threads)
		}
		x := m[a.PID]
		if !x.ok {
			continue
		}
		timed++
		if x.create != a.CreateTime {
			t.Errorf("pid %d: created %d, GetProcessTimes %d", a.PID, a.CreateTime, x.create)
		}
		// Wine's GetProcessTimes gives the caller's own CPU times for any other
		// process, so under Wine only our own times can be compared.
		cpuComparable := SystemFidelity().Wine == "" || a.PID == uint32(os.Getpid())
		if cpuComparable {
			cpuCompared++
		}
		if cpuComparable && (!between(x.kernel, a.KernelTime, b.KernelTime) || !between(x.user, a.UserTime, b.UserTime)) {
			t.Errorf("pid %d: kernel %d..%d user %d..%d, GetProcessTimes %d %d",
				a.PID, a.KernelTime, b.KernelTime, a.UserTime, b.UserTime, x.kernel, x.user)
		}
		// A working set, unlike CPU times, goes down as well as up: one that
		// changed between the listings (another test binary collecting its
		// garbage under Wine) may have been anywhere in between. Compared
		// where it held still.
		if a.WorkingSet != b.WorkingSet {
			continue
		}
		wsCompared++
		if !between(x.ws, a.WorkingSet, b.WorkingSet) {
			t.Errorf("pid %d: working set %d..%d, GetProcessMemoryInfo %d", a.PID, a.WorkingSet, b.WorkingSet, x.ws)
		}
	}
	for _, pid := range []uint32{uint32(os.Getpid()), child.PID} {
		if !m[pid].ok {
			t.Errorf("pid %d (ours) was not measured", pid)
		}
	}
	if compared < 3 {
		t.Errorf("only %d processes compared", compared)
	}
	if cpuCompared == 0 {
		t.Error("no CPU times compared")
	}
	if wsCompared == 0 {
		t.Error("no working set compared")
	}
	t.Logf("%d processes listed, %d compared with toolhelp, %d with creation time, %d with working set, %d with CPU times",
		len(first.Procs), compared, timed, wsCompared, cpuCompared)
}

// measure reads a process's times and working set through a handle.
func measure(pid uint32) (out struct {
	create, kernel, user uint64
	ws                   uint64
	ok                   bool
}) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return out
	}
	defer windows.CloseHandle(h)
	var c, e, k, u windows.Filetime
	if windows.GetProcessTimes(h, &c, &e, &k, &u) != nil {
		return out
	}
	ft := func(f windows.Filetime) uint64 { return uint64(f.HighDateTime)<<32 | uint64(f.LowDateTime) }
	mc := memCounters{cb: uint32(unsafe.Sizeof(memCounters{}))}
	if r, _, _ := procK32GetProcessMemoryInfo.Call(uintptr(h), uintptr(unsafe.Pointer(&mc)), uintptr(mc.cb)); r == 0 {
		return out
	}
	out.create, out.kernel, out.user, out.ws, out.ok = ft(c), ft(k), ft(u), uint64(mc.workingSetSize), true
	return out
}

func TestCPUAndMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	var r CPUReader
	a, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	first := append([]CPUTimes(nil), a...)
	b, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != runtime.NumCPU() || len(b) != len(first) {
		t.Errorf("%d then %d CPUs, runtime says %d", len(first), len(b), runtime.NumCPU())
	}
	for i := range min(len(first), len(b)) {
		x, y := first[i], b[i]
		if y.Idle < x.Idle || y.Kernel < x.Kernel || y.User < x.User {
			t.Errorf("cpu %d went backwards: %+v then %+v", i, x, y)
		}
		if x.Kernel+x.User == 0 {
			t.Errorf("cpu %d has no time at all: %+v", i, x)
		}
	}
	ms, err := GlobalMemoryStatus()
	if err != nil {
		t.Fatal(err)
	}
	if ms.TotalPhys == 0 || ms.AvailPhys > ms.TotalPhys || ms.TotalPageFile < ms.AvailPageFile {
		t.Errorf("implausible memory status %+v", ms)
	}
	t.Logf("cpu0 %+v; memory %+v; fidelity %+v", b[0], ms, SystemFidelity())
}

var procGetThreadTimes = modkernel32.NewProc("GetThreadTimes")

// TestThreadTimesMatchGetThreadTimes compares every listed thread's CPU times
// with GetThreadTimes between two listings (under Wine the independent check of
// other processes' CPU times, since its GetProcessTimes cannot give them).
func TestThreadTimesMatchGetThreadTimes(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	wintest.Start(t, wintest.ModeSleep, 0)
	var r1, r2 Reader
	first, err := r1.Read(true)
	if err != nil {
		t.Fatal(err)
	}
	type times struct{ create, kernel, user uint64 }
	got := map[uint32]times{}
	for _, th := range first.Threads {
		h, err := windows.OpenThread(windows.THREAD_QUERY_LIMITED_INFORMATION, false, th.TID)
		if err != nil {
			continue
		}
		var c, e, k, u windows.Filetime
		r, _, _ := procGetThreadTimes.Call(uintptr(h), uintptr(unsafe.Pointer(&c)), uintptr(unsafe.Pointer(&e)),
			uintptr(unsafe.Pointer(&k)), uintptr(unsafe.Pointer(&u)))
		windows.CloseHandle(h)
		if r != 0 {
			ft := func(f windows.Filetime) uint64 { return uint64(f.HighDateTime)<<32 | uint64(f.LowDateTime) }
			got[th.TID] = times{ft(c), ft(k), ft(u)}
		}
	}
	second, err := r2.Read(true)
	if err != nil {
		t.Fatal(err)
	}
	later := map[uint32]Thread{}
	for _, th := range second.Threads {
		later[th.TID] = th
	}
	compared := 0
	for _, a := range first.Threads {
		x, ok := got[a.TID]
		b, ok2 := later[a.TID]
		if !ok || !ok2 {
			continue
		}
		compared++
		// As for processes (TestListingMatchesToolhelp), Wine's CPU times of
		// another process's threads do not match its listing's (it listed
		// 10 ms of kernel time where GetThreadTimes said 0, for threads of a
		// test binary starting beside us): under Wine only our own compare.
		cpuComparable := SystemFidelity().Wine == "" || a.PID == uint32(os.Getpid())
		if x.create != a.CreateTime || cpuComparable && (!between(x.kernel, a.KernelTime, b.KernelTime) || !between(x.user, a.UserTime, b.UserTime)) {
			t.Errorf("thread %d of %d: created %d kernel %d..%d user %d..%d; GetThreadTimes %+v",
				a.TID, a.PID, a.CreateTime, a.KernelTime, b.KernelTime, a.UserTime, b.UserTime, x)
		}
	}
	if compared < len(first.Procs) {
		t.Errorf("only %d of %d threads compared", compared, len(first.Threads))
	}
	t.Logf("%d of %d threads compared with GetThreadTimes", compared, len(first.Threads))
}
