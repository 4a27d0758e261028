package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The terminal-fault tests (make stress's terminal scenario): odd or missing
// TERM, a low open-file limit, a resize storm and the pane killed under the
// viewer. Each ends with the terminal as the shell had it.

// quit presses q and checks the shell has the terminal back as it was.
func (p *jobPane) quit(when string) {
	p.t.Helper()
	p.send("q")
	p.waitFor("the prompt after q", atPrompt)
	p.released(when)
}

// TestE2EFaultTerm: with TERM unset, dumb or unknown the viewer still draws,
// quits on q and leaves the terminal's modes as they were.
func TestE2EFaultTerm(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs it in tmux")
	}
	bin := buildBinary(t, ".", "pidtop")
	for _, c := range []struct{ name, env string }{
		{"unset", "env -u TERM"},
		{"dumb", "env TERM=dumb"},
		{"unknown", "env TERM=no-such-terminal-5151"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newJobPane(t, c.env+" "+bin)
			p.start()
			p.quit("TERM " + c.name)
		})
	}
}

// TestE2EFaultLowFileLimit: under an open-file limit of 64 or 20 the viewer
// runs, and its status line says once what the limit costs; with an unknown
// TERM as well it says both.
func TestE2EFaultLowFileLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs it in tmux")
	}
	bin := buildBinary(t, ".", "pidtop")
	for _, limit := range []int{64, 20} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			// sh lowers the limit and becomes the viewer: the pane's shell
			// keeps its own.
			env := ""
			if limit == 20 {
				env = "env TERM=no-such-terminal-5151 "
			}
			p := newJobPane(t, fmt.Sprintf(`%ssh -c 'ulimit -n %d && exec "$0" "$@"' %s`, env, limit, bin))
			p.start()
			s := p.waitText(fmt.Sprintf("open-file limit %d", limit))
			if n := strings.Count(s, "open-file limit"); n != 1 {
				t.Errorf("the limit is said %d times:\n%s", n, s)
			}
			if env != "" && !strings.Contains(s, "is unknown here") {
				t.Errorf("the unknown TERM is not said beside the limit:\n%s", s)
			}
			p.raw("under the limit")
			p.quit("under the limit")
		})
	}
}

// TestE2EFaultResizeStorm: 100 resizes between 40×12 and 200×60 as fast as
// tmux makes them: the viewer survives, draws a whole screen at the last size,
// and leaves the terminal's modes as they were.
func TestE2EFaultResizeStorm(t *testing.T) {
	p := newJobPane(t, "")
	p.start()
	for i := range 100 {
		w, h := 40+i*37%161, 12+i*13%49
		switch i {
		case 0:
			w, h = 40, 12
		case 1:
			w, h = 200, 60
		}
		p.tmux("resize-window", "-t", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
	}
	p.tmux("resize-window", "-t", "e2e", "-x", "160", "-y", "50")
	p.waitShown()
	// The function bar on the pane's last line: the viewer drew at 160×50.
	p.waitFor("a whole screen at 160×50", func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		return len(lines) == 50 && strings.HasPrefix(lastLine(s), "F1Help")
	})
	p.alive()
	p.quit("after the resize storm")
}

// TestE2EFaultPaneKilled: the pane killed under the viewer (tmux kill-pane):
// the viewer exits instead of spinning on a terminal that is gone.
func TestE2EFaultPaneKilled(t *testing.T) {
	p := newJobPane(t, "")
	pid := p.start()
	p.tmux("kill-pane", "-t", "e2e")
	deadline := time.Now().Add(e2eWait)
	cpu0 := cpuTicks(pid)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			used := cpuTicks(pid) - cpu0
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the viewer (pid %d) outlived its pane by %s, using %d clock ticks of CPU meanwhile", pid, e2eWait, used)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cpuTicks is a process's user and system time in clock ticks, 0 if gone.
func cpuTicks(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	i := strings.LastIndexByte(string(b), ')')
	if err != nil || i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.Atoi(f[11])
	s, _ := strconv.Atoi(f[12])
	return u + s
}
