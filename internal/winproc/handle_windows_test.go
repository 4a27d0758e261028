package winproc

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc/wintest"
)

func openChild(t *testing.T, c *wintest.Child, access uint32) windows.Handle {
	t.Helper()
	h, err := Open(c.PID, access, c.Start)
	if err != nil {
		t.Fatalf("open child %d: %v", c.PID, err)
	}
	t.Cleanup(func() { windows.CloseHandle(h) })
	return h
}

func TestOpenChecksIdentity(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	if _, err := Open(c.PID, AccessTerminate, c.Start+1); !errors.Is(err, ErrReused) {
		t.Errorf("open with a later start time: err %v, want ErrReused", err)
	}
	if _, err := Open(c.PID, AccessTerminate, c.Start-10_000_000); !errors.Is(err, ErrReused) {
		t.Errorf("open with an earlier start time: err %v, want ErrReused", err)
	}
	if exited, _, err := Exited(openChild(t, c, AccessSynchronize)); exited || err != nil {
		t.Errorf("a sleeping child reads as exited %v (%v)", exited, err)
	}
	// PIDs are multiples of 4; this one is never handed out.
	if _, err := Open(0xfffffff3, AccessQuery, 1); !errors.Is(err, ErrGone) {
		t.Errorf("open of a PID nobody has: err %v, want ErrGone", err)
	}
}

func TestTerminateThenWaitGivesExitCode(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	h := openChild(t, c, AccessTerminate|AccessSynchronize)
	done := make(chan error, 1)
	var code uint32
	go func() {
		var err error
		code, err = Wait(context.Background(), h)
		done <- err
	}()
	if err := Terminate(h, 137); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil || code != 137 {
		t.Fatalf("wait: code %d, err %v; want 137", code, err)
	}
	if exited, code, err := Exited(h); !exited || code != 137 || err != nil {
		t.Errorf("after the wait: exited %v code %d err %v", exited, code, err)
	}
	// The handle still pins the exited process: its identity still checks out.
	if _, err := Open(c.PID, AccessQuery, c.Start); err != nil {
		t.Errorf("reopen of the exited, still-held process: %v", err)
	}
}

func TestWaitReturnsExitOfNaturalEnd(t *testing.T) {
	c := wintest.Start(t, "exit:7", 0)
	h := openChild(t, c, AccessSynchronize)
	if code, err := Wait(context.Background(), h); err != nil || code != 7 {
		t.Errorf("wait: code %d, err %v; want 7", code, err)
	}
}

func TestWaitStopsWhenCancelled(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	h := openChild(t, c, AccessSynchronize)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Wait(ctx, h)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: err %v, want context.Canceled", err)
	}
	if exited, _, _ := Exited(h); exited {
		t.Error("the child exited although only the wait was cancelled")
	}
}

func TestPriorityClassSetAndReadBack(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	h := openChild(t, c, AccessSetInfo)
	var r Reader
	for _, class := range []PriorityClass{ClassBelowNormal, ClassIdle, ClassAboveNormal, ClassHigh, ClassNormal} {
		if err := windows.SetPriorityClass(h, uint32(class)); err != nil {
			t.Fatalf("set %s: %v", class, err)
		}
		got, err := windows.GetPriorityClass(h)
		if err != nil || PriorityClass(got) != class {
			t.Errorf("set %s, read back %#x (%v)", class, got, err)
		}
		tab, err := r.Read(false)
		if err != nil {
			t.Fatal(err)
		}
		i := findProc(tab, c.PID)
		if i < 0 {
			t.Fatalf("child %d not listed", c.PID)
		}
		if bp := tab.Procs[i].BasePriority; ClassForBasePriority(bp) != class {
			t.Errorf("set %s, the listing's base priority %d reads as %s", class, bp, ClassForBasePriority(bp))
		}
	}
}

var procSuspendThread = modkernel32.NewProc("SuspendThread")

// suspendCount returns the suspend count of thread tid without changing it.
func suspendCount(t *testing.T, tid uint32) uint32 {
	t.Helper()
	th, err := windows.OpenThread(windows.THREAD_SUSPEND_RESUME, false, tid)
	if err != nil {
		t.Fatalf("open thread %d: %v", tid, err)
	}
	defer windows.CloseHandle(th)
	prev, _, err := procSuspendThread.Call(uintptr(th))
	if int32(prev) == -1 {
		t.Fatalf("SuspendThread(%d): %v", tid, err)
	}
	if _, err := windows.ResumeThread(th); err != nil {
		t.Fatalf("ResumeThread(%d): %v", tid, err)
	}
	return uint32(prev)
}

func TestSuspendResume(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	h := openChild(t, c, AccessSuspendResume)
	var r Reader
	tab, err := r.Read(true)
	if err != nil {
		t.Fatal(err)
	}
	i := findProc(tab, c.PID)
	if i < 0 || len(tab.ThreadsOf(i)) == 0 {
		t.Fatalf("child %d not listed with threads", c.PID)
	}
	tids := []uint32{}
	for _, th := range tab.ThreadsOf(i) {
		tids = append(tids, th.TID)
	}
	if err := Suspend(h); err != nil {
		t.Fatal(err)
	}
	// At least 1: the child is a Go program, whose runtime suspends its own
	// threads for a moment to preempt them, so one may have been at 1 already.
	for _, tid := range tids {
		if n := suspendCount(t, tid); n < 1 {
			t.Errorf("after Suspend thread %d has suspend count %d, want 1 or more", tid, n)
		}
	}
	if SystemFidelity().ThreadStates {
		tab, _ := r.Read(false)
		if j := findProc(tab, c.PID); j < 0 || tab.Procs[j].State != RunSuspended {
			t.Errorf("a suspended child is not listed as suspended")
		}
	}
	if err := Resume(h); err != nil {
		t.Fatal(err)
	}
	// Back to 0, once a preemption of the child's own that Suspend caught
	// half-way has finished.
	for _, tid := range tids {
		n := suspendCount(t, tid)
		for deadline := time.Now().Add(5 * time.Second); n != 0 && time.Now().Before(deadline); n = suspendCount(t, tid) {
			time.Sleep(10 * time.Millisecond)
		}
		if n != 0 {
			t.Errorf("after Resume thread %d has suspend count %d, want 0", tid, n)
		}
	}
}

func TestCloseWindowsOfConsoleProgram(t *testing.T) {
	c := wintest.Start(t, wintest.ModeSleep, 0)
	openChild(t, c, AccessQuery)
	if n, err := CloseWindows(c.PID); !errors.Is(err, ErrNoWindows) {
		t.Errorf("a console child had %d windows to close (err %v), want ErrNoWindows", n, err)
	}
}

func TestCtrlBreakReachesProcessGroup(t *testing.T) {
	if w := SystemFidelity().Wine; w != "" {
		// Wine 8.0 answers "invalid handle" (or "invalid access" without a
		// terminal) to GenerateConsoleCtrlEvent for a process group.
		t.Skipf("Wine %s does not deliver console control events to a process group", w)
	}
	c := wintest.Start(t, wintest.ModeBreak, windows.CREATE_NEW_PROCESS_GROUP)
	h := openChild(t, c, AccessSynchronize)
	if err := CtrlBreak(c.PID); err != nil {
		t.Fatal(err)
	}
	if code, err := Wait(context.Background(), h); err != nil || code != wintest.ExitOnBreak {
		t.Errorf("after Ctrl-Break: exit code %d (%v), want %d", code, err, wintest.ExitOnBreak)
	}
}
