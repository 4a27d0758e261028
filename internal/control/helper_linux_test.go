package control

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The test binary re-executes itself as a helper process (as another user, or
// with its descriptors used up) when helperEnv names what the helper must do.
const (
	helperEnv  = "PIDTOP_CONTROL_HELPER" // "send", "renice", "exhaust" or "sleep"
	helperArgs = "PIDTOP_CONTROL_ARGS"   // "PID START FORCEPOLL NICE"
)

// helperReport is what a helper prints, one JSON line.
type helperReport struct {
	Path     Path
	Err      string
	Perm     bool // errors.Is(err, fs.ErrPermission)
	WaitPath Path
	WaitErr  string
	Exit     Exit
}

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "sleep" { // a Go process: several threads
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	if what := os.Getenv(helperEnv); what != "" {
		os.Exit(runHelper(what, os.Getenv(helperArgs)))
	}
	os.Exit(m.Run())
}

// runHelper carries out one helper job and prints its report.
func runHelper(what, args string) int {
	var t Target
	var force, nice int
	if _, err := fmt.Sscan(args, &t.PID, &t.Start, &force, &nice); err != nil {
		fmt.Fprintln(os.Stderr, "helper args:", err)
		return 2
	}
	o := Options{ForcePoll: force != 0}
	var r helperReport
	var err error
	switch what {
	case "send":
		r.Path, err = sendResult(Send(t, GracefulSignal(), o))
	case "renice":
		r.Path, err = sendResult(Renice(t, nice, o))
	case "affinity":
		r.Path, err = sendResult(SetAffinity(t, []int{firstCPU()}, o))
	case "ioprio":
		r.Path, err = sendResult(SetIOPriority(t, IOPriority{Class: IOClassRealtime}, o))
	case "fifo":
		r.Path, err = sendResult(SetPolicy(t, Policies()[3], 10, o))
	case "exhaust":
		if err := useUpFds(); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			return 2
		}
		r.Path, err = sendResult(Send(t, GracefulSignal(), o))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ex, werr := Wait(ctx, t, o)
		r.WaitPath, r.Exit = ex.Path, ex
		if werr != nil {
			r.WaitErr = werr.Error()
		}
	}
	if err != nil {
		r.Err, r.Perm = err.Error(), errors.Is(err, fs.ErrPermission)
	}
	json.NewEncoder(os.Stdout).Encode(r)
	return 0
}

func sendResult(r Result, err error) (Path, error) { return r.Path, err }

// useUpFds lowers RLIMIT_NOFILE and opens files until none is left but one: enough
// for a /proc read, not for a pidfd held during it.
func useUpFds() error {
	// Make the runtime create its poller now: it needs descriptors of its own.
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	r.Close()
	w.Close()
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &unix.Rlimit{Cur: 64, Max: 64}); err != nil {
		return err
	}
	last := -1
	for {
		fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if errors.Is(err, unix.EMFILE) {
			break
		}
		if err != nil {
			return err
		}
		last = fd
	}
	if last < 0 {
		return errors.New("no descriptor to free")
	}
	return unix.Close(last)
}

// runAsHelper runs the test binary at exe as a helper, with cred if not nil, and
// decodes its report.
func runAsHelper(t *testing.T, exe, what string, tg Target, o Options, nice int, cred *syscall.Credential) helperReport {
	t.Helper()
	force := 0
	if o.ForcePoll {
		force = 1
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+what,
		helperArgs+"="+strings.Join([]string{strconv.Itoa(tg.PID),
			strconv.FormatUint(tg.Start, 10), strconv.Itoa(force), strconv.Itoa(nice)}, " "))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Stderr = os.Stderr
	out, err := cmd.Output() // Output waits: the helper is reaped here
	if err != nil {
		t.Fatalf("helper %s: %v", what, err)
	}
	var r helperReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("helper %s printed %q: %v", what, out, err)
	}
	return r
}
