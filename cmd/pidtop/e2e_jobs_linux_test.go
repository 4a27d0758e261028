package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The job-control tests run the viewer in bash (job control, fg, kill %1) in
// tmux, and read what the terminal was left in from tmux (alternate screen,
// cursor, mouse reporting) and from stty, run in the pane (the shell's own
// modes) and from outside on the pane's terminal (the viewer's raw mode).

// jobPane is a bash pane with a spawned sleep for the viewer to show, and the
// pane's terminal modes before any viewer ran.
type jobPane struct {
	*tmuxPane
	bin    string
	sleep  *exec.Cmd
	dir    string
	before string // stty -g at the prompt, before the viewer
	tty    string
	stty   int // files written by sttyG
}

// newJobPane starts the pane; bin is the viewer, "" to build one.
func newJobPane(t *testing.T, bin string) *jobPane {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	p := &jobPane{tmuxPane: newPaneWith(t, "bash", "--norc", "--noprofile", "-i"), bin: bin}
	if bin == "" {
		p.bin = buildBinary(t, ".", "pidtop")
	}
	p.sleep = startProc(t, "sleep", fmt.Sprintf("3600.%d5151", os.Getpid()))
	p.dir = t.TempDir()
	p.tty = strings.TrimSpace(p.tmux("display-message", "-p", "-t", "e2e", "#{pane_tty}"))
	p.before = p.sttyG()
	return p
}

// sttyG runs stty -g at the pane's prompt and returns what it printed.
func (p *jobPane) sttyG() string {
	p.t.Helper()
	p.stty++
	f := filepath.Join(p.dir, fmt.Sprintf("stty%d", p.stty))
	p.send("-l", "stty -g > "+f)
	p.send("Enter")
	var out string
	p.waitFor("stty -g in "+f, func(string) bool {
		b, _ := os.ReadFile(f)
		out = string(b)
		return strings.HasSuffix(out, "\n")
	})
	return strings.TrimSpace(out)
}

// flags reads tmux's view of the pane: alternate screen, cursor, mouse.
func (p *jobPane) flags() string {
	return strings.TrimSpace(p.tmux("display-message", "-p", "-t", "e2e",
		"alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_all_flag}"))
}

// start runs the viewer on the spawned sleep and returns the viewer's PID.
func (p *jobPane) start() int {
	p.t.Helper()
	p.startViewer(p.bin, "-p", strconv.Itoa(p.sleep.Process.Pid))
	p.waitShown()
	return p.viewerPID()
}

// waitShown waits for the whole screen of the viewer: header, table with the
// sleep, function bar. Parts that do not change between frames show that the
// screen was drawn whole, not just what changed since the last frame.
func (p *jobPane) waitShown() string {
	p.t.Helper()
	return p.waitFor("the viewer's whole screen", func(s string) bool {
		return memBar.MatchString(s) && strings.Contains(s, "PID") && strings.Contains(s, "Command") &&
			strings.Contains(s, "F1Help") && strings.Contains(s, "F10Quit") &&
			strings.Contains(s, strconv.Itoa(p.sleep.Process.Pid)) && !strings.Contains(s, "e2e$")
	})
}

// viewerPID finds the viewer among the pane shell's children.
func (p *jobPane) viewerPID() int {
	p.t.Helper()
	shell := strings.TrimSpace(p.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}"))
	for _, c := range children()[shell] {
		if name, _, _ := procStat(c); name == "pidtop" {
			pid, _ := strconv.Atoi(c)
			return pid
		}
	}
	p.t.Fatalf("no pidtop under the pane's shell %s", shell)
	return 0
}

// waitCount waits until text shows on the pane more than n times.
func (p *jobPane) waitCount(text string, n int) string {
	p.t.Helper()
	return p.waitFor(fmt.Sprintf("%q more than %d times", text, n), func(s string) bool { return strings.Count(s, text) > n })
}

// released checks the terminal is as the shell had it: main screen, cursor
// shown, no mouse reporting, and the modes stty saw before the viewer ran.
func (p *jobPane) released(when string) {
	p.t.Helper()
	if f := p.flags(); f != "alt=0 cursor=1 mouse=0000" {
		p.t.Errorf("%s: the pane is left with %s, want alt=0 cursor=1 mouse=0000", when, f)
	}
	if now := p.sttyG(); now != p.before {
		p.t.Errorf("%s: stty -g is\n%s\nwant (before the viewer)\n%s", when, now, p.before)
	}
}

// raw checks the viewer has the terminal: alternate screen, raw mode (read
// from outside: the shell is not reading), and a key acts without Enter.
func (p *jobPane) raw(when string) {
	p.t.Helper()
	if f := p.flags(); !strings.HasPrefix(f, "alt=1 ") {
		p.t.Errorf("%s: the pane is left with %s, want the alternate screen", when, f)
	}
	out, err := exec.Command("stty", "-a", "-F", p.tty).CombinedOutput()
	if err != nil {
		p.t.Fatalf("stty -a -F %s: %v: %s", p.tty, err, out)
	}
	for _, mode := range []string{"-icanon", "-echo", "-isig"} {
		if !strings.Contains(" "+strings.Join(strings.Fields(string(out)), " ")+" ", " "+mode+" ") {
			p.t.Errorf("%s: the terminal is not in raw mode (%s missing):\n%s", when, mode, out)
		}
	}
	p.send("Z")
	p.waitText("PAUSED")
	p.send("Z")
	p.waitFor("PAUSED to go", func(s string) bool { return !strings.Contains(s, "PAUSED") })
}

// ended matches what the shell prints of the viewer's exit status.
var ended = regexp.MustCompile(`viewer-status-(\d+)-done`)

// atPrompt reports whether the pane's last line is the shell's bare prompt.
func atPrompt(s string) bool { return lastLine(s) == "e2e$" }

// alive checks the spawned sleep has not exited (nor been killed).
func (p *jobPane) alive() {
	p.t.Helper()
	var ws syscall.WaitStatus
	if pid, err := syscall.Wait4(p.sleep.Process.Pid, &ws, syscall.WNOHANG, nil); pid != 0 || err != nil {
		p.t.Fatalf("the sleep the viewer showed ended (%v, %v)", ws, err)
	}
}

// TestE2ECtrlZ: Ctrl-Z suspends the viewer to the shell with the terminal
// restored, fg brings it back drawn whole and in raw mode, bg leaves the
// terminal to the shell, and "kill %1" typed after Ctrl-Z reaches the shell
// (ending the viewer), not the viewer's signal menu: the sleep on screen lives
// on.
func TestE2ECtrlZ(t *testing.T) {
	p := newJobPane(t, "")
	p.start()
	p.send("C-z")
	p.waitCount("Stopped", 0)
	p.waitCount("e2e$", 2) // the prompt after the job stopped
	p.released("after Ctrl-Z")
	p.send("-l", "fg")
	p.send("Enter")
	p.waitShown()
	p.raw("after fg")

	// bg: continued in the background, the viewer leaves the terminal alone
	// until fg.
	stopped := strings.Count(p.capture(false), "Stopped")
	p.send("C-z")
	p.waitCount("Stopped", stopped)
	p.send("-l", "bg")
	p.send("Enter")
	p.waitFor("the job in the background", func(s string) bool { return strings.Contains(s, "&") && atPrompt(s) })
	p.released("after bg")
	p.send("-l", "fg")
	p.send("Enter")
	p.waitShown()
	p.raw("after bg and fg")

	stopped = strings.Count(p.capture(false), "Stopped")
	p.send("C-z")
	p.waitCount("Stopped", stopped)
	p.send("-l", "kill %1; wait %1; echo viewer-status-$?-done")
	p.send("Enter")
	p.waitFor("the viewer's end", func(s string) bool { return ended.MatchString(s) && atPrompt(s) })
	p.alive()
	p.released("after kill %1")
}

// TestE2EStopSignals: a SIGTSTP from outside restores the terminal before the
// viewer stops; after a SIGSTOP, which cannot be caught, fg (SIGCONT) puts the
// terminal back in raw mode and redraws. Both times the viewer goes on working.
func TestE2EStopSignals(t *testing.T) {
	p := newJobPane(t, "")
	for _, sig := range []syscall.Signal{syscall.SIGTSTP, syscall.SIGSTOP} {
		pid := p.start()
		stopped := strings.Count(p.capture(false), "Stopped")
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatal(err)
		}
		p.waitCount("Stopped", stopped)
		if sig == syscall.SIGTSTP {
			p.released("after kill -TSTP")
		}
		p.send("-l", "fg")
		p.send("Enter")
		p.waitShown()
		p.raw("after " + sig.String() + " and fg")
		p.send("q")
		p.waitFor("the prompt after q", func(s string) bool { return atPrompt(s) && !strings.Contains(s, "F10Quit") })
		p.alive()
		p.released("after q")
	}
}

// TestE2EQuitSignals: a signal that ends the viewer leaves the terminal as the
// shell had it. SIGQUIT ends it cleanly, as htop; SIGABRT still dumps the
// goroutines (on a restored terminal) and exits 2.
func TestE2EQuitSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs it in tmux")
	}
	bin := buildBinary(t, ".", "pidtop")
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{
		{syscall.SIGQUIT, 0}, {syscall.SIGTERM, 0}, {syscall.SIGHUP, 0}, {syscall.SIGINT, 0}, {syscall.SIGABRT, 2},
	} {
		t.Run(c.sig.String(), func(t *testing.T) {
			p := newJobPane(t, bin)
			pid := p.start()
			if err := syscall.Kill(pid, c.sig); err != nil {
				t.Fatal(err)
			}
			p.waitFor("the prompt after the viewer", func(s string) bool { return atPrompt(s) && !strings.Contains(s, "F10Quit") })
			p.send("-l", "echo viewer-status-$?-done")
			p.send("Enter")
			s := p.waitFor("the viewer's exit status", ended.MatchString)
			if got, want := ended.FindStringSubmatch(s)[1], strconv.Itoa(c.code); got != want {
				t.Errorf("exit status %s, want %s:\n%s", got, want, s)
			}
			if c.code == 0 && strings.Contains(s, "goroutine") {
				t.Errorf("a goroutine dump:\n%s", s)
			}
			p.released("after " + c.sig.String())
			p.alive()
		})
	}
}

// TestE2EHangup: when its terminal goes away (the tmux server is killed), the
// viewer ends, running or stopped by Ctrl-Z (the kernel and bash send SIGHUP
// and SIGCONT).
func TestE2EHangup(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs it in tmux")
	}
	bin := buildBinary(t, ".", "pidtop")
	for _, stopped := range []bool{false, true} {
		t.Run(map[bool]string{false: "running", true: "stopped"}[stopped], func(t *testing.T) {
			p := newJobPane(t, bin)
			pid := p.start()
			if stopped {
				p.send("C-z")
				p.waitCount("Stopped", 0)
			}
			p.tmux("kill-server")
			deadline := time.Now().Add(e2eWait)
			for syscall.Kill(pid, 0) == nil {
				if time.Now().After(deadline) {
					_ = syscall.Kill(pid, syscall.SIGKILL)
					t.Fatalf("the viewer (pid %d) outlived its terminal", pid)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}
