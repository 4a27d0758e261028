package collect

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc"
	"github.com/pidtop/pidtop/internal/winproc/wintest"
)

func init() { wintest.RunChildIfAsked() }

// findRow returns the process row (not a thread row) of pid in procs, or nil.
func findRow(procs []Process, pid uint32) *Process {
	for i := range procs {
		if p := &procs[i]; p.PID == int32(pid) && !p.Is(FlagThread) {
			return p
		}
	}
	return nil
}

func TestWindowsSourceReadsProcessesAndThreads(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	child := wintest.Start(t, wintest.ModeSleep, 0)
	src, err := newSource()
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	var cost Cost
	procs := src.readProcs(nil, readOptions{Threads: true}, &cost)
	self := findRow(procs, uint32(os.Getpid()))
	if self == nil {
		t.Fatalf("own pid %d not among %d rows (cost %+v)", os.Getpid(), len(procs), cost)
	}
	exe, _ := os.Executable()
	want := Process{Name: filepath.Base(exe),
		Info: &Info{Cmdline: windows.UTF16PtrToString(windows.GetCommandLine()), Exe: exe}}
	if !strings.EqualFold(self.Name, want.Name) || self.Cmdline() != want.Cmdline() || !strings.EqualFold(self.Exe(), want.Exe()) {
		t.Errorf("own name %q cmdline %q exe %q, want %q %q %q",
			self.Name, self.Cmdline(), self.Exe(), want.Name, want.Cmdline(), want.Exe())
	}
	if int(self.Argv0Len()) != winproc.Argv0Len(self.Cmdline()) || self.Argv0Len() == 0 {
		t.Errorf("argv0 length %d of %q", self.Argv0Len(), self.Cmdline())
	}
	needKnown := KnownPPID | KnownUser | KnownPriority | KnownThreads | KnownStart | KnownCPU |
		KnownVirt | KnownRes | KnownCmdline | KnownExe
	if !self.Known.Has(needKnown) || !strings.Contains(self.User(), `\`) {
		t.Errorf("own row knows %#x (want %#x), user %q", self.Known, needKnown, self.User())
	}
	if self.Nice != 0 || self.StartedNs == 0 || self.ResBytes == 0 || self.TGID != self.PID {
		t.Errorf("own row: nice %d started %v res %d tgid %d", self.Nice, self.Started(), self.ResBytes, self.TGID)
	}
	fid := winproc.SystemFidelity()
	if self.Known.Has(KnownState) != fid.ThreadStates || self.Known.Has(KnownIO) != fid.IOCounters {
		t.Errorf("state known %v, io known %v: fidelity says %+v", self.Known.Has(KnownState), self.Known.Has(KnownIO), fid)
	}
	// Our child's parent is alive and older: it is us.
	if c := findRow(procs, child.PID); c == nil || c.PPID != int32(os.Getpid()) {
		t.Errorf("child %d row %+v, want parent %d", child.PID, c, os.Getpid())
	}
	threads := 0
	for i := range procs {
		if p := &procs[i]; p.Is(FlagThread) && p.TGID == self.PID {
			threads++
			if p.Name != self.Name || p.Cmdline() != self.Cmdline() || p.Known.Has(KnownIO) {
				t.Errorf("thread row %+v does not carry the process's details", p)
			}
		}
	}
	if threads != int(self.Threads) {
		t.Errorf("%d thread rows, the process has %d threads", threads, self.Threads)
	}
	// A second tick reads no details again and forgets the killed child.
	if err := child.Cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Cmd.Wait()
	var cost2 Cost
	procs = src.readProcs(procs[:0], readOptions{}, &cost2)
	if findRow(procs, child.PID) != nil {
		t.Errorf("the reaped child %d is still listed", child.PID)
	}
	ws := src.(*winSource)
	if _, ok := ws.cache[ID{PID: int32(child.PID), Start: child.Start}]; ok {
		t.Error("the reaped child is still cached")
	}
	if len(ws.cache) != len(procs) {
		t.Errorf("%d cache entries for %d processes", len(ws.cache), len(procs))
	}
	t.Logf("%d rows; cost %+v then %+v", len(procs), cost, cost2)
}

func TestWindowsParentMustBeOlder(t *testing.T) {
	s := &winSource{alive: map[uint32]uint64{100: 500, 200: 900}}
	cases := []struct {
		ppid   uint32
		create uint64
		want   int32
	}{
		{100, 600, 100}, // parent alive and older
		{200, 600, 0},   // the PID now belongs to a younger process
		{300, 600, 0},   // the parent has exited
		{0, 600, 0},
	}
	for _, c := range cases {
		wp := &winproc.Process{PID: 400, PPID: c.ppid, CreateTime: c.create}
		if got := s.parent(wp); got != c.want {
			t.Errorf("ppid %d of a process created at %d: parent %d, want %d", c.ppid, c.create, got, c.want)
		}
	}
}

func TestWindowsStateLetters(t *testing.T) {
	procCases := []struct {
		pid  uint32
		st   winproc.RunState
		want State
	}{
		{0, winproc.RunRunning, 'I'},
		{8, winproc.RunRunning, 'R'},
		{8, winproc.RunWaiting, 'S'},
		{8, winproc.RunSuspended, 'T'},
		{8, winproc.RunExited, 'Z'},
	}
	for _, c := range procCases {
		if got := runStateLetter(&winproc.Process{PID: c.pid, State: c.st}); got != c.want {
			t.Errorf("pid %d state %d: %c, want %c", c.pid, c.st, got, c.want)
		}
	}
	threadCases := []struct {
		st   winproc.ThreadState
		r    winproc.WaitReason
		want State
	}{
		{winproc.ThreadRunning, 0, 'R'},
		{winproc.ThreadReady, 0, 'R'},
		{winproc.ThreadWaiting, 6, 'S'},
		{winproc.ThreadWaiting, winproc.WaitSuspended, 'T'},
		{winproc.ThreadTerminated, 0, 'Z'},
	}
	for _, c := range threadCases {
		if got := threadStateLetter(c.st, c.r); got != c.want {
			t.Errorf("thread state %d reason %d: %c, want %c", c.st, c.r, got, c.want)
		}
	}
}

func TestWindowsSystemAndCollector(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	c, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Collect()
	s := c.Collect()
	want := SysKnownCPU | SysKnownMemory | SysKnownSwap | SysKnownUptime | SysKnownTasks
	if s.System.Known != want {
		t.Errorf("system knows %#x, want %#x (no load average on Windows)", s.System.Known, want)
	}
	if len(s.System.CPUs) != runtime.NumCPU() || s.System.Memory.Total == 0 || s.System.Uptime <= 0 {
		t.Errorf("%d CPUs (runtime: %d), memory %+v, uptime %v",
			len(s.System.CPUs), runtime.NumCPU(), s.System.Memory, s.System.Uptime)
	}
	busy := s.System.CPUTotal.Busy() + s.System.CPUTotal.Idle
	if busy < 99.9 || busy > 100.1 {
		t.Errorf("CPU shares add up to %.2f%%: %+v", busy, s.System.CPUTotal)
	}
	self := findRow(s.Procs, uint32(os.Getpid()))
	if self == nil || self.Is(FlagNew) || self.MemPercent <= 0 {
		t.Errorf("own row in the second snapshot: %+v", self)
	}
	if s.Cost.Errors != 0 {
		t.Errorf("tick errors: %+v", s.Cost)
	}
	t.Logf("%d rows, tasks %d, cost %+v, cpu %+v", len(s.Procs), s.System.Tasks, s.Cost, s.System.CPUTotal)
}

// The I/O call counts (the registry's read_syscalls and write_syscalls) are
// read where the I/O counters are, and only when asked for.
func TestWindowsIOCalls(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live system")
	}
	for _, needs := range []Needs{0, NeedIOChars} {
		c, err := New(Config{Needs: needs})
		if err != nil {
			t.Fatal(err)
		}
		s := c.Collect()
		c.Close()
		self := findRow(s.Procs, uint32(os.Getpid()))
		if self == nil {
			t.Fatal("own row missing")
		}
		want := needs != 0 && self.Known.Has(KnownIO)
		if got := self.Known.Has(KnownIOChars); got != want {
			t.Errorf("needs %b: I/O calls known %v, want %v (I/O counters known: %v)", needs, got, want, self.Known.Has(KnownIO))
		}
		if want && self.X().ReadSyscalls == 0 && self.X().WriteSyscalls == 0 {
			t.Logf("own row has no I/O calls counted (Wine may count none): %+v", *self.X())
		}
	}
}
