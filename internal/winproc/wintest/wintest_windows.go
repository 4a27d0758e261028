package wintest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// envMode names the environment variable that turns a test binary into a child.
const envMode = "PIDTOP_WINTEST_CHILD"

// The child modes.
const (
	ModeSleep = "sleep" // print "ready", then sleep until killed (at most two minutes)
	ModeBreak = "break" // print "ready", exit with ExitOnBreak on Ctrl-Break or Ctrl-C
)

// ExitOnBreak is the exit code of a ModeBreak child that got its console event.
const ExitOnBreak = 42

// maxLife bounds a child's life even if its parent dies without killing it.
const maxLife = 2 * time.Minute

// RunChildIfAsked makes a test binary act as a child when started by Start: call
// it from an init function of the test package. It returns at once otherwise.
func RunChildIfAsked() {
	mode := os.Getenv(envMode)
	if mode == "" {
		return
	}
	if code, ok := strings.CutPrefix(mode, "exit:"); ok {
		n, _ := strconv.Atoi(code)
		os.Exit(n)
	}
	if mode == ModeBreak {
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt)
		fmt.Println("ready")
		select {
		case <-c:
			os.Exit(ExitOnBreak)
		case <-time.After(maxLife):
			os.Exit(3)
		}
	}
	fmt.Println("ready")
	time.Sleep(maxLife)
	os.Exit(3)
}

// Child is a started child process.
type Child struct {
	Cmd   *exec.Cmd
	PID   uint32
	Start uint64 // creation time, FILETIME
}

// Start runs this test binary again as a child in mode (ModeSleep, ModeBreak, or
// "exit:N"), with extra creation flags (e.g. CREATE_NEW_PROCESS_GROUP). For the
// sleeping modes it returns once the child has said it is ready. The child is
// terminated and reaped when the test ends, also on failure. Under -short the
// test is skipped: starting processes is a live test.
func Start(t testing.TB, mode string, flags uint32) *Child {
	t.Helper()
	if testing.Short() {
		t.Skip("starts processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), envMode+"="+mode)
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: flags}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	c := &Child{Cmd: cmd, PID: uint32(cmd.Process.Pid)}
	c.Start, err = creationTime(c.PID)
	if err != nil {
		t.Fatalf("child %d: %v", c.PID, err)
	}
	if mode == ModeSleep || mode == ModeBreak {
		line, err := bufio.NewReader(out).ReadString('\n')
		if strings.TrimSpace(line) != "ready" {
			t.Fatalf("child %d said %q (%v), not ready", c.PID, line, err)
		}
	}
	return c
}

// creationTime reads a process's creation time by PID, for the tests' own
// children (os/exec holds their handles, so the PID cannot be reused meanwhile).
func creationTime(pid uint32) (uint64, error) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return 0, fmt.Errorf("open: %w", err)
	}
	defer windows.CloseHandle(h)
	var c, e, k, u windows.Filetime
	if err := windows.GetProcessTimes(h, &c, &e, &k, &u); err != nil {
		return 0, fmt.Errorf("GetProcessTimes: %w", err)
	}
	return uint64(c.HighDateTime)<<32 | uint64(c.LowDateTime), nil
}
