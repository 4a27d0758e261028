package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

// label names a process in messages: "pid 123 (sleep)".
func label(p collect.Process) string {
	if p.Name == "" {
		return "pid " + strconv.Itoa(int(p.PID))
	}
	return fmt.Sprintf("pid %d (%s)", p.PID, p.Name)
}

// labels names the targets of an action for a menu's title: one process, or the
// count with the first few.
func labels(ps []collect.Process) string {
	if len(ps) == 1 {
		return label(ps[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d tagged processes:", len(ps))
	for i, p := range ps {
		if i == 3 {
			b.WriteString(" …")
			break
		}
		fmt.Fprintf(&b, " %d %s", p.PID, p.Name)
	}
	return b.String()
}

// why words an action's error for the status line: the identity check's verdict,
// or the kernel's reason for a refusal.
func why(err error) string {
	switch {
	case errors.Is(err, control.ErrReused):
		return "the process has exited; PID now belongs to another process"
	case errors.Is(err, control.ErrGone):
		return "the process has exited"
	case errors.Is(err, fs.ErrPermission):
		return "refused: " + kernelReason(err)
	case errors.Is(err, control.ErrStillRunning):
		return "still running"
	case errors.Is(err, control.ErrUnsupported):
		return "not supported on this system"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return err.Error()
}

// exited reports whether err says the target no longer runs.
func exited(err error) bool {
	return errors.Is(err, control.ErrGone) || errors.Is(err, control.ErrReused)
}

// kernelReason is the system's own words for the error (the errno's text), or
// the whole error when it carries none.
func kernelReason(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno.Error()
	}
	return err.Error()
}

// via says which path an action took; the fallback paths are marked as such.
func via(p control.Path) string {
	switch p {
	case control.PathKill, control.PathPoll:
		return "via " + string(p) + " (fallback)"
	case "", control.PathUnknown:
		return ""
	}
	return "via " + string(p)
}

// sigName names a signal number from the platform's menu.
func sigName(num int) string {
	for _, s := range control.Signals() {
		if s.Num == num {
			return s.Name
		}
	}
	return "signal " + strconv.Itoa(num)
}

// exitText says how a process ended: "exited with status 3", "was killed by
// SIGKILL", or "exited (status unknown)".
func exitText(ex control.Exit) string {
	switch {
	case !ex.StatusKnown:
		return "exited (status unknown)"
	case ex.Signaled:
		return "was killed by " + sigName(ex.Signal)
	}
	return "exited with status " + strconv.Itoa(ex.Code)
}

// span formats a duration for messages: "0.4 ms", "301 ms", "5.0 s".
func span(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// tally counts outcomes for a summary line ("2 sent, 1 exited") and keeps the
// first failure.
type tally struct {
	parts []string
	count map[string]int
	first string // the first failure, already worded
}

func (t *tally) add(kind string) {
	if t.count == nil {
		t.count = map[string]int{}
	}
	if t.count[kind] == 0 {
		t.parts = append(t.parts, kind)
	}
	t.count[kind]++
}

func (t *tally) fail(kind, msg string) {
	t.add(kind)
	if t.first == "" {
		t.first = msg
	}
}

// String is "2 sent, 1 refused; first failure: pid 5 (x) refused: …".
func (t *tally) String() string {
	s := make([]string, len(t.parts))
	for i, k := range t.parts {
		s[i] = fmt.Sprintf("%d %s", t.count[k], k)
	}
	out := strings.Join(s, ", ")
	if t.first != "" {
		out += "; first failure: " + t.first
	}
	return out
}
