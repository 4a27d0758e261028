package winproc

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc/wintest"
)

func init() { wintest.RunChildIfAsked() }

// TestLayoutMatchesXSys checks the decoder's offsets against x/sys/windows's own
// SYSTEM_PROCESS_INFORMATION on this architecture.
func TestLayoutMatchesXSys(t *testing.T) {
	var s windows.SYSTEM_PROCESS_INFORMATION
	l, _, _ := NativeArch.layouts()
	checks := []struct {
		name      string
		got, want uintptr
	}{
		{"size", uintptr(l.size), unsafe.Sizeof(s)},
		{"NumberOfThreads", uintptr(l.threads), unsafe.Offsetof(s.NumberOfThreads)},
		{"WorkingSetPrivateSize", uintptr(l.wsPrivate), unsafe.Offsetof(s.WorkingSetPrivateSize)},
		{"HardFaultCount", uintptr(l.hardFaults), unsafe.Offsetof(s.HardFaultCount)},
		{"CreateTime", uintptr(l.create), unsafe.Offsetof(s.CreateTime)},
		{"UserTime", uintptr(l.user), unsafe.Offsetof(s.UserTime)},
		{"KernelTime", uintptr(l.kernel), unsafe.Offsetof(s.KernelTime)},
		{"ImageName", uintptr(l.nameLen), unsafe.Offsetof(s.ImageName)},
		{"ImageName.Buffer", uintptr(l.nameBuf), unsafe.Offsetof(s.ImageName) + unsafe.Offsetof(s.ImageName.Buffer)},
		{"BasePriority", uintptr(l.basePrio), unsafe.Offsetof(s.BasePriority)},
		{"UniqueProcessID", uintptr(l.pid), unsafe.Offsetof(s.UniqueProcessID)},
		{"InheritedFromUniqueProcessID", uintptr(l.ppid), unsafe.Offsetof(s.InheritedFromUniqueProcessID)},
		{"HandleCount", uintptr(l.handles), unsafe.Offsetof(s.HandleCount)},
		{"SessionID", uintptr(l.session), unsafe.Offsetof(s.SessionID)},
		{"PeakVirtualSize", uintptr(l.peakVirt), unsafe.Offsetof(s.PeakVirtualSize)},
		{"VirtualSize", uintptr(l.virt), unsafe.Offsetof(s.VirtualSize)},
		{"PageFaultCount", uintptr(l.faults), unsafe.Offsetof(s.PageFaultCount)},
		{"PeakWorkingSetSize", uintptr(l.peakWS), unsafe.Offsetof(s.PeakWorkingSetSize)},
		{"WorkingSetSize", uintptr(l.ws), unsafe.Offsetof(s.WorkingSetSize)},
		{"PagefileUsage", uintptr(l.pagefile), unsafe.Offsetof(s.PagefileUsage)},
		{"PrivatePageCount", uintptr(l.private), unsafe.Offsetof(s.PrivatePageCount)},
		{"ReadOperationCount", uintptr(l.readOps), unsafe.Offsetof(s.ReadOperationCount)},
		{"WriteOperationCount", uintptr(l.writeOps), unsafe.Offsetof(s.WriteOperationCount)},
		{"OtherOperationCount", uintptr(l.otherOps), unsafe.Offsetof(s.OtherOperationCount)},
		{"ReadTransferCount", uintptr(l.readBytes), unsafe.Offsetof(s.ReadTransferCount)},
		{"WriteTransferCount", uintptr(l.writeBytes), unsafe.Offsetof(s.WriteTransferCount)},
		{"OtherTransferCount", uintptr(l.otherBytes), unsafe.Offsetof(s.OtherTransferCount)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s at %d, x/sys says %d", c.name, c.got, c.want)
		}
	}
}

// findProc returns the index of pid in tab, or -1.
func findProc(tab *Table, pid uint32) int {
	for i := range tab.Procs {
		if tab.Procs[i].PID == pid {
			return i
		}
	}
	return -1
}

func TestReadOwnProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tid := windows.GetCurrentThreadId()
	var r Reader
	tab, err := r.Read(true)
	if err != nil {
		t.Fatal(err)
	}
	i := findProc(tab, uint32(os.Getpid()))
	if i < 0 {
		t.Fatalf("own pid %d not among %d processes", os.Getpid(), len(tab.Procs))
	}
	p := tab.Procs[i]
	exe, _ := os.Executable()
	if !strings.EqualFold(p.Name(), filepath.Base(exe)) {
		t.Errorf("own name %q, want %q", p.Name(), filepath.Base(exe))
	}
	if p.PPID != uint32(os.Getppid()) {
		t.Errorf("own parent %d, want %d", p.PPID, os.Getppid())
	}
	start, err := CreationTime(windows.CurrentProcess())
	if err != nil || p.CreateTime != start {
		t.Errorf("own creation time %d, GetProcessTimes says %d (%v)", p.CreateTime, start, err)
	}
	ths := tab.ThreadsOf(i)
	if len(ths) != int(p.Threads) || len(ths) < 2 {
		t.Errorf("%d thread entries, NumberOfThreads %d", len(ths), p.Threads)
	}
	found := false
	for _, th := range ths {
		found = found || th.TID == tid
		if th.PID != p.PID {
			t.Errorf("thread %d names process %d, not %d", th.TID, th.PID, p.PID)
		}
	}
	if !found {
		t.Errorf("the current thread %d is not among our %d threads", tid, len(ths))
	}
	if p.State != RunRunning {
		t.Errorf("the reading process is in state %d, want running", p.State)
	}
	t.Logf("%d processes, %d threads, %d handles; own: %+v", len(tab.Procs), tab.ThreadTotal, tab.HandleTotal, p)
}

func TestDetailsOfOwnProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	start, err := CreationTime(windows.CurrentProcess())
	if err != nil {
		t.Fatal(err)
	}
	var d DetailReader
	got, err := d.Read(uint32(os.Getpid()), start)
	if err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	if !got.HasExe || !strings.EqualFold(got.Exe, exe) {
		t.Errorf("exe %q (known %v), want %q", got.Exe, got.HasExe, exe)
	}
	if want := windows.UTF16PtrToString(windows.GetCommandLine()); !got.HasCmdline || got.Cmdline != want {
		t.Errorf("command line %q (known %v), GetCommandLine says %q", got.Cmdline, got.HasCmdline, want)
	}
	if !got.HasUser || !strings.Contains(got.User, `\`) {
		t.Errorf("owner %q (known %v), want DOMAIN\\user", got.User, got.HasUser)
	}
	if _, err := d.Read(uint32(os.Getpid()), start+1); err == nil {
		t.Error("details read with a wrong creation time")
	}
	t.Logf("details: %+v", got)
}
