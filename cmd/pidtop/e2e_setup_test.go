//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/pidtop/pidtop/internal/config"
)

// TestE2ESetupRemembered: in the built binary under tmux, with a config
// directory of the test's own, columns added in the F2 setup screen and a
// sort and tree view chosen by keys are there again after a restart, whether
// the viewer ended by q or by Ctrl-C.
func TestE2ESetupRemembered(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	home := t.TempDir()
	cfgPath := filepath.Join(home, "pidtop", "config.toml")

	// 1. F2 (here C, htop's key for the columns page) adds IO_RATE and
	// ELAPSED to Main; they show at once in the table above the panels.
	startPrivate(t, p, bin, home)
	p.send("C")
	p.waitText("F9Remove")
	p.send("Right")
	p.waitText("EnterAdd")
	p.send("-l", "io_bytes_per_s")
	p.send("Enter")
	p.send("-l", "elapsed")
	p.send("Enter")
	p.waitFor("DISK R/W and ELAPSED in the header", hasTitles("DISK R/W", "ELAPSED"))
	p.send("F10")
	p.waitFor("the setup screen to close", func(s string) bool { return !strings.Contains(s, "EscDone") })
	p.send("q")
	waitShell(p)
	if b, err := os.ReadFile(cfgPath); err != nil || !strings.Contains(string(b), `"io_bytes_per_s"`) {
		t.Errorf("%s does not name io_bytes_per_s (%v):\n%s", cfgPath, err, b)
	}
	main := mainScreen(t, cfgPath)
	for _, id := range []string{"io_bytes_per_s", "elapsed_s"} {
		if !slices.Contains(main.Columns, id) {
			t.Errorf("%s: the Main screen's columns %v lack %s", cfgPath, main.Columns, id)
		}
	}

	// 2. Restarted: the columns are there. M and t, then Ctrl-C.
	startPrivate(t, p, bin, home)
	p.waitFor("the added columns after a restart", hasTitles("DISK R/W", "ELAPSED"))
	p.send("M")
	p.waitText("MEM%▽")
	p.send("t")
	p.waitText("F5List") // F5 offers the list back: the tree is on
	p.send("C-c")
	waitShell(p)
	main = mainScreen(t, cfgPath)
	if main.SortKey != "mem_percent" || !main.Tree {
		t.Errorf("%s: Main sorts by %q, tree %v; want mem_percent, true", cfgPath, main.SortKey, main.Tree)
	}

	// 3. Restarted again: MEM% sort and the tree, and still the columns.
	startPrivate(t, p, bin, home)
	p.waitFor("MEM% sort, tree and columns after Ctrl-C and a restart", func(s string) bool {
		return strings.Contains(s, "MEM%▽") && strings.Contains(s, "F5List") && hasTitles("DISK R/W", "ELAPSED")(s)
	})
	p.send("q")
	waitShell(p)
}

// startPrivate starts the viewer with XDG_CONFIG_HOME and HOME in dir, so it
// reads and writes dir/pidtop/config.toml and nothing of the user's. The
// viewer's PID is written to a file, so that a test that fails with the viewer
// still running ends it by PID.
func startPrivate(t *testing.T, p *tmuxPane, bin, dir string) {
	t.Helper()
	pidFile := filepath.Join(t.TempDir(), "viewer.pid")
	p.send("-l", fmt.Sprintf("sh -c 'echo $$ > %s; exec env XDG_CONFIG_HOME=%s HOME=%s PIDTOP_CONFIG= %s'",
		pidFile, dir, dir, bin))
	p.send("Enter")
	t.Cleanup(func() { endViewer(pidFile, bin) })
	p.waitText("F2Setup")
}

// endViewer kills the viewer whose PID is in pidFile if it still runs that
// binary (a PID reused since is left alone).
func endViewer(pidFile, bin string) {
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return
	}
	if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil && exe == bin {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// waitShell waits until the viewer has ended and the shell is back.
func waitShell(p *tmuxPane) {
	p.t.Helper()
	// A new, empty prompt on the last line: the viewer has exited. The
	// restored screen shows the old prompt, with the viewer's command after
	// it, as soon as the terminal is restored, which is before the viewer
	// saves its settings and exits (the config was read too early under load).
	p.waitFor("the shell", func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, " \n"), "\n")
		return !strings.Contains(s, "F10Quit") && strings.TrimSpace(lines[len(lines)-1]) == "e2e$"
	})
}

// hasTitles reports whether the table's header line (the first line with PID
// and Command) shows every title.
func hasTitles(titles ...string) func(string) bool {
	return func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "PID") && strings.Contains(l, "Command") {
				for _, title := range titles {
					if !strings.Contains(l, title) {
						return false
					}
				}
				return true
			}
		}
		return false
	}
}

// mainScreen reads the config file the viewer wrote and returns its Main
// screen; any problem reading it fails the test.
func mainScreen(t *testing.T, path string) config.Screen {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no config file written: %v", err)
	}
	st, _, problems := config.Load(path)
	if len(problems) > 0 {
		t.Fatalf("%s: %v", path, problems)
	}
	for _, sc := range st.Screens {
		if sc.Name == "Main" {
			return sc
		}
	}
	t.Fatalf("%s: no Main screen in %+v", path, st.Screens)
	return config.Screen{}
}
