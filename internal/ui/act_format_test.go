package ui

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

func proc(pid int32, name string) collect.Process {
	return collect.Process{ID: collect.ID{PID: pid, Start: 1}, Name: name, Nice: 0, Known: collect.KnownPriority}
}

// TestWhyWordsErrors: the identity verdicts in the user's words, and a refusal
// with the kernel's own reason however deeply it is wrapped.
func TestWhyWordsErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("send SIGTERM to pid 5: %w", control.ErrReused), "the process has exited; PID now belongs to another process"},
		{fmt.Errorf("pid 5: %w", control.ErrGone), "the process has exited"},
		{fmt.Errorf("send SIGTERM to pid 1: %w", syscall.EPERM), "refused: operation not permitted"},
		{fmt.Errorf("set nice of pid 1 to -5: %w", fmt.Errorf("inner: %w", syscall.EACCES)), "refused: permission denied"},
		{fmt.Errorf("pid 1 after 5s: %w", control.ErrStillRunning), "still running"},
		{context.Canceled, "cancelled"},
		{errors.New("something else"), "something else"},
	} {
		if got := why(c.err); got != c.want {
			t.Errorf("why(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestExitAndPathText(t *testing.T) {
	for _, c := range []struct {
		ex   control.Exit
		want string
	}{
		{control.Exit{StatusKnown: true, Code: 3}, "exited with status 3"},
		{control.Exit{StatusKnown: true, Signaled: true, Signal: control.ForceSignal().Num}, "was killed by " + control.ForceSignal().Name},
		{control.Exit{}, "exited (status unknown)"},
	} {
		if got := exitText(c.ex); got != c.want {
			t.Errorf("exitText(%+v) = %q, want %q", c.ex, got, c.want)
		}
	}
	for p, want := range map[control.Path]string{control.PathPidfd: "via pidfd", control.PathKill: "via kill (fallback)",
		control.PathPoll: "via poll (fallback)", control.PathWaitid: "via waitid", control.PathUnknown: ""} {
		if got := via(p); got != want {
			t.Errorf("via(%q) = %q, want %q", p, got, want)
		}
	}
	for d, want := range map[time.Duration]string{400 * time.Microsecond: "0.4 ms", 301 * time.Millisecond: "301 ms",
		5 * time.Second: "5.0 s"} {
		if got := span(d); got != want {
			t.Errorf("span(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestSummaries: one target says what happened to it; several are counted,
// with the first failure named.
func TestSummaries(t *testing.T) {
	term := control.GracefulSignal()
	perm := fmt.Errorf("send: %w", syscall.EPERM)
	got := signalSummary(term, []sent{
		{p: proc(10, "a"), exited: true},
		{p: proc(11, "b"), err: perm},
		{p: proc(12, "c"), err: fmt.Errorf("x: %w", control.ErrReused)},
		{p: proc(13, "d"), err: perm},
		{p: proc(14, "e")},
	})
	want := term.Name + " to 5 processes: 1 sent and exited, 2 failed, 1 had exited, 1 sent; " +
		"first failure: pid 11 (b): refused: operation not permitted"
	if got != want {
		t.Errorf("signal summary\n got %q\nwant %q", got, want)
	}
	if got := signalSummary(term, []sent{{p: proc(11, "b"), err: perm}}); got != term.Name+" not sent to pid 11 (b): refused: operation not permitted" {
		t.Errorf("one refused target: %q", got)
	}
	if got := reniceSummary([]reniced{{p: proc(7, "x"), from: 0, to: -1, err: fmt.Errorf("n: %w", syscall.EACCES)}}); got != "pid 7 (x): nice 0 → -1 refused: permission denied" {
		t.Errorf("renice refused: %q", got)
	}
	unknown := proc(8, "y")
	unknown.Known = 0
	if got := reniceSummary([]reniced{{p: unknown, to: 5, res: control.Result{Path: control.PathPidfd}}}); got != "pid 8 (y): nice ? → 5 via pidfd" {
		t.Errorf("renice from an unknown nice: %q", got)
	}
	if got := waitText(proc(9, "z"), control.Exit{}, fmt.Errorf("w: %w", control.ErrGone)); got != "pid 9 (z) had already exited: the process has exited" {
		t.Errorf("wait on a gone process: %q", got)
	}
}
