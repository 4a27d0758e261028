package stress

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/collect"
)

// TestLowFileLimit: under RLIMIT_NOFILE 64 and 20 (in a re-executed helper,
// never this process) collection completes every tick without an error.
func TestLowFileLimit(t *testing.T) {
	for _, limit := range []int{64, 20} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			r := scenario(t, "nofile-"+strconv.Itoa(limit))
			cmd := childCommand("rlimit " + strconv.Itoa(limit))
			out, err := cmd.CombinedOutput()
			t.Logf("helper:\n%s", out)
			if err != nil {
				t.Fatalf("helper: %v", err)
			}
			var ticks, errs, fds int
			var heap, live uint64
			var cpu float64
			for _, l := range strings.Split(string(out), "\n") {
				if rest, ok := strings.CutPrefix(l, "report "); ok {
					fmt.Sscanf(rest, "%d %d %d %d %d %g", &ticks, &errs, &heap, &live, &fds, &cpu)
				}
			}
			resultsMu.Lock()
			r.ticks, r.errors, r.maxHeap, r.maxLive, r.maxFDs, r.maxCPU = ticks, errs, heap, live, fds, cpu
			resultsMu.Unlock()
			if ticks != size(5, 50) || errs > 0 {
				t.Errorf("%d ticks, %d errors; want %d and none", ticks, errs, size(5, 50))
			}
		})
	}
}

// underLimit is TestLowFileLimit's helper: it lowers its own open-file limit
// to limit, collects a few ticks (threads too) and prints a report line:
// ticks, errors, heap, live heap, descriptors, largest CPU%.
func underLimit(limit int) int {
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &unix.Rlimit{Cur: uint64(limit), Max: uint64(limit)}); err != nil {
		fmt.Println("setrlimit:", err)
		return 1
	}
	c, err := collect.New(collect.Config{Threads: true, Needs: collect.NeedCmdline | collect.NeedIO, SkipIdle: true})
	if err != nil {
		fmt.Println("collect.New:", err)
		return 1
	}
	defer c.Close()
	r := &result{}
	for range size(5, 50) {
		s := c.Collect()
		r.snapshot(s)
		r.sample()
		if s.Cost.Errors > 0 {
			fmt.Printf("tick %d: %d errors, the last: %s\n", s.Tick, s.Cost.Errors, s.Cost.LastErr)
		}
		if len(s.Procs) == 0 {
			fmt.Printf("tick %d: no processes\n", s.Tick)
			r.errors++
		}
	}
	// Its heap may never have reached the first collection's trigger: one
	// now gives its live heap.
	runtime.GC()
	r.sample()
	fmt.Printf("report %d %d %d %d %d %g\n", r.ticks, r.errors, r.maxHeap, r.maxLive, r.maxFDs, r.maxCPU)
	return 0
}

// childCommand is the test binary re-executed as the helper what.
func childCommand(what string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+what)
	return cmd
}

// buildPidtop builds the pidtop command into a temporary directory.
func buildPidtop(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pidtop")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/pidtop/pidtop/cmd/pidtop").CombinedOutput(); err != nil {
		t.Fatalf("go build pidtop: %v\n%s", err, out)
	}
	return bin
}

// TestConfigFaults: pidtop -b given a config file that is a directory, a
// FIFO with no writer, unreadable, or 100 MiB says what is wrong with it on
// stderr and prints the processes with the defaults, without hanging.
func TestConfigFaults(t *testing.T) {
	r := scenario(t, "config")
	bin := buildPidtop(t)
	for _, c := range []struct {
		name string
		make func(t *testing.T, path string) bool // false: not possible here
		msg  string
	}{
		{"directory", func(t *testing.T, path string) bool { return os.Mkdir(path, 0o700) == nil }, "is a directory"},
		{"FIFO", func(t *testing.T, path string) bool { return unix.Mkfifo(path, 0o600) == nil }, "is a named pipe"},
		{"unreadable", func(t *testing.T, path string) bool {
			return os.WriteFile(path, []byte("delay = 10\n"), 0) == nil
		}, "permission denied"},
		{"100 MiB", func(t *testing.T, path string) bool {
			f, err := os.Create(path)
			if err == nil {
				err = errors.Join(f.Truncate(100<<20), f.Close()) // sparse
			}
			if err != nil {
				t.Fatal(err)
			}
			return true
		}, "over the 1 MiB limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, run := t.TempDir(), bin
			// Root reads a file of mode 0: pidtop runs as nobody then, from
			// a directory nobody can enter.
			nobody := c.name == "unreadable" && os.Geteuid() == 0
			if nobody {
				dir = worldDir(t)
				run = filepath.Join(dir, "pidtop")
				if err := copyFile(bin, run); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "config.toml")
			if !c.make(t, path) {
				t.Fatalf("cannot make a config file that is %s", c.name)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // a hang guard
			defer cancel()
			cmd := exec.CommandContext(ctx, run, "-b", "-n", "1", "-p", strconv.Itoa(os.Getpid()), "--config", path)
			if nobody {
				cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ctx.Err() != nil {
				t.Fatalf("pidtop hung on a config file that is %s", c.name)
			}
			if err != nil {
				t.Errorf("pidtop: %v\n%s", err, stderr.String())
			}
			if msg := stderr.String(); !strings.Contains(msg, path) || !strings.Contains(msg, c.msg) ||
				!strings.Contains(msg, "using defaults") {
				t.Errorf("stderr %q: want the path, %q and that the defaults are used", msg, c.msg)
			}
			if !strings.Contains(stdout.String(), strconv.Itoa(os.Getpid())) {
				t.Errorf("no process listed:\n%s", stdout.String())
			}
			resultsMu.Lock()
			r.ticks++
			resultsMu.Unlock()
		})
	}
}

// worldDir is a temporary directory anyone may enter, removed when the test
// ends.
func worldDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pidtop-stress-")
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// copyFile copies an executable.
func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}

// TestTerminalFaults (full form only; make test runs these tests in their own
// package): the tmux end-to-end tests of cmd/pidtop for an odd TERM, a low
// open-file limit, a resize storm, the pane killed, SIGHUP, Ctrl-Z and the
// stop and quit signals, as one line of the table.
func TestTerminalFaults(t *testing.T) {
	if !full() {
		t.Skip("cmd/pidtop's own tests run these in the short form")
	}
	r := scenario(t, "terminal")
	out, err := exec.Command("go", "test", "-count=1", "-v",
		"-run", "^TestE2E(Fault|Hangup|CtrlZ|StopSignals|QuitSignals)", "github.com/pidtop/pidtop/cmd/pidtop").CombinedOutput()
	pass, fail := 0, 0
	for _, l := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(strings.TrimSpace(l), "--- PASS"):
			pass++
		case strings.HasPrefix(strings.TrimSpace(l), "--- FAIL"):
			fail++
		}
	}
	resultsMu.Lock()
	r.errors = fail
	resultsMu.Unlock()
	r.addNote("%d tests and subtests passed, %d failed", pass, fail)
	if err != nil || pass == 0 {
		t.Errorf("go test cmd/pidtop: %v\n%s", err, out)
	}
}
