package control

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc"
	"github.com/pidtop/pidtop/internal/winproc/wintest"
)

func init() { wintest.RunChildIfAsked() }

func target(c *wintest.Child) Target { return Target{PID: int(c.PID), Start: c.Start} }

// alive reports whether the child still runs, through a handle of our own.
func alive(t *testing.T, c *wintest.Child) bool {
	t.Helper()
	h, err := windows.OpenProcess(windows.SYNCHRONIZE|windows.PROCESS_QUERY_LIMITED_INFORMATION, false, c.PID)
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	exited, _, err := winproc.Exited(h)
	if err != nil {
		t.Fatal(err)
	}
	return !exited
}

func TestWindowsMenu(t *testing.T) {
	names := map[int]string{}
	for _, s := range Signals() {
		if s.Name == "" || names[s.Num] != "" {
			t.Errorf("menu entry %+v: empty or duplicate", s)
		}
		names[s.Num] = s.Name
	}
	if g, f := GracefulSignal(), ForceSignal(); names[g.Num] != "WM_CLOSE" || names[f.Num] != "TERMINATE" {
		t.Errorf("graceful %+v, force %+v: not WM_CLOSE and TERMINATE from the menu", g, f)
	}
	if _, err := Send(Target{PID: 8, Start: 1}, Signal{Num: 15, Name: "SIGTERM"}, Options{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("a POSIX signal number: err %v, want ErrUnsupported", err)
	}
}

func TestWindowsTerminateAndWait(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	tg := target(c)
	if _, err := Send(Target{PID: tg.PID, Start: tg.Start + 1}, ForceSignal(), Options{}); !errors.Is(err, ErrReused) {
		t.Fatalf("terminate with a wrong start time: err %v, want ErrReused", err)
	}
	if !alive(t, c) {
		t.Fatal("the refused terminate killed the child")
	}
	done := make(chan struct{})
	var ex Exit
	var werr error
	go func() {
		ex, werr = Wait(context.Background(), tg, Options{})
		close(done)
	}()
	res, err := Send(tg, ForceSignal(), Options{})
	if err != nil || res.Path != PathHandle {
		t.Fatalf("terminate: path %s, err %v", res.Path, err)
	}
	<-done
	if werr != nil || !ex.StatusKnown || ex.Code != terminateExitCode || ex.Path != PathHandle {
		t.Errorf("wait after terminate: %+v, err %v; want code %d by handle", ex, werr, terminateExitCode)
	}
	// The test's own exec.Cmd still holds a handle: the exited process is there, but gone.
	if _, err := Send(tg, ForceSignal(), Options{}); !errors.Is(err, ErrGone) {
		t.Errorf("terminate of an exited process: err %v, want ErrGone", err)
	}
	// Once our last handle is closed the object may go (Windows) or linger a
	// while (Wine): Wait says gone, or reports the same exit at once.
	c.Cmd.Wait()
	ex, err = Wait(context.Background(), tg, Options{})
	if err == nil && ex.Code != terminateExitCode || err != nil && !errors.Is(err, ErrGone) && !errors.Is(err, ErrReused) {
		t.Errorf("wait for a reaped process: %+v, err %v; want ErrGone, ErrReused or exit %d", ex, err, terminateExitCode)
	}
}

func TestWindowsWaitExitCodeAndCancel(t *testing.T) {
	c := wintest.Start(t, "exit:7", 0)
	if ex, err := Wait(context.Background(), target(c), Options{}); err != nil || ex.Code != 7 || !ex.StatusKnown {
		t.Errorf("wait for exit 7: %+v, err %v", ex, err)
	}
	s := wintest.Start(t, wintest.ModeSleep, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Wait(ctx, target(s), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: err %v, want context.Canceled", err)
	}
}

func TestWindowsRenice(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, c.PID)
	if err != nil {
		t.Fatal(err)
	}
	defer windows.CloseHandle(h)
	for _, nice := range []int{10, 19, -5, -10, 0} {
		if _, err := Renice(target(c), nice, Options{}); err != nil {
			t.Fatalf("renice %d: %v", nice, err)
		}
		got, err := windows.GetPriorityClass(h)
		if want := winproc.ClassForNice(nice); err != nil || winproc.PriorityClass(got) != want {
			t.Errorf("renice %d: class %#x (%v), want %s", nice, got, err, want)
		}
	}
	if _, err := Renice(Target{PID: int(c.PID), Start: c.Start - 1}, 10, Options{}); !errors.Is(err, ErrReused) {
		t.Errorf("renice with a wrong start time: err %v, want ErrReused", err)
	}
}

func TestWindowsActionsOnConsoleChild(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	tg := target(c)
	_, err := Send(tg, GracefulSignal(), Options{})
	if !errors.Is(err, winproc.ErrNoWindows) || !errors.Is(err, ErrUnsupported) {
		t.Errorf("WM_CLOSE to a console program: err %v, want no windows (unsupported)", err)
	}
	for _, name := range []string{"SUSPEND", "SUSPEND", "RESUME", "RESUME"} {
		if _, err := Send(tg, action(t, name), Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !alive(t, c) {
		t.Error("the child died of suspend and resume")
	}
	// PID 4 is the System process on Windows; Wine has no process 4.
	if _, err := Send(Target{PID: 4, Start: 1}, ForceSignal(), Options{}); !errors.Is(err, fs.ErrPermission) &&
		!errors.Is(err, ErrGone) && !errors.Is(err, ErrReused) {
		t.Errorf("terminate the System process: err %v, want a refusal or gone", err)
	}
}

func action(t *testing.T, name string) Signal {
	t.Helper()
	for _, s := range Signals() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no %s in the menu", name)
	return Signal{}
}

// TestWindowsAffinity binds a child to CPU 0 and reads the mask back from
// the system; a wrong start time is refused.
func TestWindowsAffinity(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	if _, err := SetAffinity(target(c), []int{0}, Options{}); err != nil {
		t.Fatalf("SetAffinity(0): %v", err)
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, c.PID)
	if err != nil {
		t.Fatal(err)
	}
	defer windows.CloseHandle(h)
	var proc, sys uintptr
	if r, _, e := procGetProcessAffinityMask.Call(uintptr(h), uintptr(unsafe.Pointer(&proc)), uintptr(unsafe.Pointer(&sys))); r == 0 {
		t.Fatal(e)
	}
	if proc != 1 {
		t.Errorf("affinity mask %#x after SetAffinity(0), want 0x1", proc)
	}
	if cpus, err := AffinityOf(target(c), Options{}); err != nil || len(cpus) != 1 || cpus[0] != 0 {
		t.Errorf("AffinityOf = %v, %v", cpus, err)
	}
	if _, err := SetAffinity(Target{PID: int(c.PID), Start: c.Start - 1}, []int{0}, Options{}); !errors.Is(err, ErrReused) {
		t.Errorf("SetAffinity with a wrong start time: err %v, want ErrReused", err)
	}
}
