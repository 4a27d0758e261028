package ui_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
)

// viewHelperEnv makes this test binary a helper process for the view tests:
// its value says what to hold open; the helper prints "ready PORT" and waits
// for its stdin to close.
const viewHelperEnv = "PIDTOP_VIEW_HELPER"

func TestViewHelperProcess(t *testing.T) {
	what := os.Getenv(viewHelperEnv)
	if what == "" {
		t.Skip("a helper process for the view tests")
	}
	port := 0
	switch what {
	case "files":
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		defer ln.Close()
		port = ln.Addr().(*net.TCPAddr).Port
		f, err := os.OpenFile(os.Getenv("PIDTOP_VIEW_FILE"), os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		defer f.Close()
		f.WriteString("0123456789")
	case "locks":
		for i, name := range []string{"flocked", "posix-locked"} {
			f, err := os.OpenFile(filepath.Join(os.Getenv("PIDTOP_VIEW_FILE"), name), os.O_CREATE|os.O_RDWR, 0o600)
			if err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			defer f.Close()
			if i == 0 {
				err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
			} else {
				err = unix.FcntlFlock(f.Fd(), unix.F_SETLK, &unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: 0, Len: 100})
			}
			if err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
		}
	}
	fmt.Printf("ready %d\n", port)
	bufio.NewReader(os.Stdin).ReadString('\n')
	os.Exit(0)
}

// startHelper runs this binary as a helper holding what, and returns its PID
// and the port it printed. It is killed (by PID) and reaped when the test ends.
func startHelper(t *testing.T, what, file string) (pid, port int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestViewHelperProcess$")
	cmd.Env = append(os.Environ(), viewHelperEnv+"="+what, "PIDTOP_VIEW_FILE="+file)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if _, err2 := fmt.Sscanf(line, "ready %d", &port); err != nil || err2 != nil {
		t.Fatalf("helper %s: %q, %v %v", what, line, err, err2)
	}
	return cmd.Process.Pid, port
}

// openViewOf shows only pid and opens the view of key on it.
func openViewOf(t *testing.T, pid int, key string) *harness {
	t.Helper()
	feed := liveFeed(t)
	h := start(t, ui.Config{Feed: feed, PIDs: []int32{int32(pid)}})
	h.WaitFor(t, "the process", func(lines []string) bool { return len(pids(lines)) == 1 })
	h.Type(key)
	return h
}

func TestOpenFilesViewShowsSocketAndFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "open-data")
	pid, port := startHelper(t, "files", file)
	h := openViewOf(t, pid, "l")
	want := fmt.Sprintf("127.0.0.1:%d (LISTEN)", port)
	lines := h.WaitText(t, want)
	text := strings.Join(lines, "\n")
	for _, w := range []string{"Open files of " + fmt.Sprint(pid), "TCP", file, "REG   rw"} {
		if !strings.Contains(text, w) {
			t.Errorf("open files lack %q:\n%s", w, text)
		}
	}
	h.Type("/" + filepath.Base(file))
	h.Key(tcell.KeyEnter)
	h.WaitFor(t, "the searched file highlighted", func([]string) bool {
		x, y, ok := h.Find(file)
		return ok && h.Style(x, y) != tcell.StyleDefault
	})
	h.Type("/Memory-mapped")
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "Memory-mapped files (")
}

func TestLocksViewShowsFlockAndPOSIXLock(t *testing.T) {
	dir := t.TempDir()
	pid, _ := startHelper(t, "locks", dir)
	h := openViewOf(t, pid, "x")
	lines := h.WaitText(t, "FLOCK")
	text := strings.Join(lines, "\n")
	for _, w := range []string{"POSIX", "0-99", "0-EOF", "this"} {
		if !strings.Contains(text, w) {
			t.Errorf("locks lack %q:\n%s", w, text)
		}
	}
	// The paths run past the right edge here: scroll to them.
	for range 8 {
		h.Key(tcell.KeyRight)
	}
	h.WaitText(t, "/posix-locked")
	h.WaitText(t, "/flocked")
}

func TestEnvironViewEscapesHostileValues(t *testing.T) {
	cmd := spawnEnv(t, []string{"PIDTOP_VIEW_MARK=\x1b[2J\u202eevil", "PATH=/usr/bin:/bin"}, "sleep", "600")
	h := openViewOf(t, cmd.Process.Pid, "e")
	lines := h.WaitText(t, `PIDTOP_VIEW_MARK=^[[2J\u202eevil`)
	if text := strings.Join(lines, "\n"); strings.ContainsAny(text, "\x1b\u202e") || !strings.Contains(text, "PATH=/usr/bin:/bin") {
		t.Errorf("environment:\n%q", text)
	}
}

func TestActivityViewNamesTheSyscall(t *testing.T) {
	for _, tt := range []struct {
		argv  []string
		names []string
	}{
		{[]string{"sleep", "600"}, []string{"clock_nanosleep(", "nanosleep("}},
		{[]string{"sh", "-c", "read x"}, []string{"read("}},
	} {
		cmd := spawnEnv(t, nil, tt.argv...)
		h := openViewOf(t, cmd.Process.Pid, "s")
		h.WaitFor(t, strings.Join(tt.names, " or "), func(lines []string) bool {
			text := strings.Join(lines, "\n")
			for _, n := range tt.names {
				if strings.Contains(text, "Syscall: "+n) {
					return true
				}
			}
			return false
		})
		h.WaitText(t, "Threads (1):")
	}
}

// spawnEnv starts argv with env (nil: this process's), past its exec, and kills
// and reaps it (by PID) when the test ends. Its stdin is a pipe kept open.
func spawnEnv(t *testing.T, env []string, argv ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	if _, err := cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}
