package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// reaped starts a process whose exit the test collects at once (so a killed
// one leaves the process list instead of lingering as our zombie). It is killed
// by PID and waited for when the test ends; end waits for its exit.
func reaped(t *testing.T, cmd *exec.Cmd) (end func() error) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var err error
	go func() { err = cmd.Wait(); close(done) }()
	end = func() error {
		select {
		case <-done:
			return err
		case <-time.After(e2eWait):
			t.Errorf("pid %d did not exit", cmd.Process.Pid)
			return nil
		}
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		end()
	})
	return end
}

// TestE2EActions: in the real binary under tmux, / finds a spawned sleep and
// k + Enter (SIGTERM, preselected) kills it, which the status line reports and
// the list shows; w on another process reports its exit status when it ends.
func TestE2EActions(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	victim := fmt.Sprintf("3600.%d7171", os.Getpid())
	sleep := exec.Command("sleep", victim)
	sleepEnd := reaped(t, sleep)
	// A shell that exits with status 7 when its stdin closes: the test decides
	// when it ends, after w was pressed. $0 carries the marker (its own argv only).
	waitee := fmt.Sprintf("waitee-%d", os.Getpid())
	sh := exec.Command("sh", "-c", "read x; exit 7", waitee)
	stdin, err := sh.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	reaped(t, sh)

	p.startViewer(bin, "-d", "3")
	p.waitText("F10Quit")
	p.searchSelect(victim) // among thousands of processes it may be off screen until found
	p.send("k")
	p.waitText(fmt.Sprintf("Signal pid %d (sleep)", sleep.Process.Pid))
	p.send("Enter")
	s := p.waitText(fmt.Sprintf("SIGTERM sent to pid %d (sleep) via pidfd", sleep.Process.Pid))
	t.Logf("status: %s", statusLine(s))
	if err := sleepEnd(); err == nil || !strings.Contains(err.Error(), "terminated") {
		t.Fatalf("the sleep ended with %v, want signal: terminated", err)
	}
	p.waitFor("the killed sleep to leave the list", func(s string) bool { return !strings.Contains(s, victim) })

	p.searchSelect(waitee)
	p.send("W")
	p.waitText(fmt.Sprintf("waiting for pid %d (sh) to exit", sh.Process.Pid))
	if _, err := io.WriteString(stdin, "go\n"); err != nil {
		t.Fatal(err)
	}
	s = p.waitText(fmt.Sprintf("pid %d (sh) exited with status 7 after", sh.Process.Pid))
	t.Logf("status: %s", statusLine(s))
	p.send("q")
	p.waitFor("the shell", func(s string) bool { return !strings.Contains(s, "F10Quit") })
}

// searchSelect selects the process whose line shows text with / and closes the
// search with Enter, which keeps the selection.
func (p *tmuxPane) searchSelect(text string) {
	p.t.Helper()
	p.send("/")
	p.waitText("Search:")
	p.send("-l", text)
	p.waitFor("the selected "+text, func(string) bool { return selectedLineHas(p.capture(true), text) })
	p.send("Enter")
	p.waitFor("the search line to close", func(s string) bool { return !strings.Contains(s, "Search:") })
}

// lastLine is the last non-empty line of a pane: the viewer's function bar.
func lastLine(pane string) string {
	lines := strings.Split(strings.TrimRight(pane, "\n "), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// statusLine is the line above the last: the viewer's status line.
func statusLine(pane string) string {
	lines := strings.Split(strings.TrimRight(pane, "\n "), "\n")
	if len(lines) < 2 {
		return ""
	}
	return strings.TrimSpace(lines[len(lines)-2])
}

// TestGraceFlag: --grace takes seconds (fractions too) and refuses nonsense.
func TestGraceFlag(t *testing.T) {
	for _, c := range []struct {
		arg  string
		want time.Duration
		ok   bool
	}{
		{"", 5 * time.Second, true},
		{"--grace=0.5", 500 * time.Millisecond, true},
		{"--grace=12", 12 * time.Second, true},
		{"--grace=0", 0, false},
		{"--grace=-1", 0, false},
		{"--grace=NaN", 0, false},
		{"--grace=1e9", 0, false},
	} {
		var args []string
		if c.arg != "" {
			args = []string{c.arg}
		}
		o, err := parseFlags(args, io.Discard)
		if (err == nil) != c.ok || (c.ok && o.grace != c.want) {
			t.Errorf("%q: grace %v, error %v; want %v, ok %v", c.arg, o.grace, err, c.want, c.ok)
		}
	}
}
