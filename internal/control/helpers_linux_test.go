package control

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// modes are the two paths every live test runs through, with the paths their
// results must name.
var modes = []struct {
	name string
	o    Options
	send Path // Result.Path of Send and Renice
	wait Path // Exit.Path of Wait on a process that is not our child
}{
	{"pidfd", Options{}, PathPidfd, PathPidfd},
	{"fallback", Options{ForcePoll: true}, PathKill, PathPoll},
}

// live skips a test that spawns processes when -short is given.
func live(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("spawns processes; skipped with -short")
	}
}

// proc is a process a test spawned. The test holds its own pidfd on it, so the
// cleanup kills exactly that process even if its PID were reused.
type proc struct {
	Target
	fd int
}

// alive reports whether the process has not exited (its pidfd is not readable).
func (p proc) alive(t *testing.T) bool {
	t.Helper()
	fds := []unix.PollFd{{Fd: int32(p.fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	for errors.Is(err, unix.EINTR) { // a signal (the runtime's preemption) came first
		n, err = unix.Poll(fds, 0)
	}
	if err != nil {
		t.Fatalf("poll the test's pidfd of %d: %v", p.PID, err)
	}
	return n == 0
}

// kill sends SIGKILL through the test's pidfd.
func (p proc) kill(t *testing.T) {
	t.Helper()
	if err := unix.PidfdSendSignal(p.fd, unix.SIGKILL, nil, 0); err != nil {
		t.Fatalf("kill %d: %v", p.PID, err)
	}
}

// pinned opens the test's pidfd on pid, reads its Target and registers a cleanup
// that kills it and closes the fd.
func pinned(t *testing.T, pid int) proc {
	t.Helper()
	fd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		t.Fatalf("pidfd_open(%d): %v", pid, err)
	}
	t.Cleanup(func() {
		unix.PidfdSendSignal(fd, unix.SIGKILL, nil, 0)
		unix.Close(fd)
	})
	st, _, err := readStat(pid)
	if err != nil {
		t.Fatal(err)
	}
	return proc{Target{PID: pid, Start: st.StartTime}, fd}
}

// spawnChild starts argv as our child, killed and reaped by PID in cleanup.
func spawnChild(t *testing.T, cmd *exec.Cmd) proc {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill() // os.Process signals through its own pidfd
		cmd.Wait()
	})
	return pinned(t, cmd.Process.Pid)
}

// spawnGrandchild runs script in the background of a shell that exits at once,
// so the script's process is reparented away from us: it is not our child.
func spawnGrandchild(t *testing.T, script string) proc {
	t.Helper()
	out, err := exec.Command("sh", "-c", "("+script+") >/dev/null 2>&1 & echo $!").Output()
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("grandchild pid %q: %v", out, err)
	}
	p := pinned(t, pid)
	if st, _, err := readStat(pid); err == nil && int(st.PPID) == os.Getpid() {
		t.Fatalf("pid %d is our child, want a grandchild", pid)
	}
	return p
}

// spawn starts "sleep 60" as our child or as a grandchild.
func spawn(t *testing.T, grandchild bool) proc {
	t.Helper()
	if grandchild {
		return spawnGrandchild(t, "exec sleep 60")
	}
	return spawnChild(t, exec.Command("sleep", "60"))
}

// spawnReaped starts a child, kills and reaps it, and returns it: a Target that
// no longer names a process.
func spawnReaped(t *testing.T) proc {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	p := spawnChild(t, cmd)
	// Identity is (PID, start time in clock ticks): a newcomer that started in
	// the same tick would pass for this process, so let the tick pass.
	time.Sleep(30 * time.Millisecond)
	p.kill(t)
	cmd.Wait()
	return p
}

// waitComm polls until pid's comm is comm (the process has exec'd), for test setup.
func waitComm(t *testing.T, pid int, comm string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if st, _, err := readStat(pid); err == nil && string(st.Comm()) == comm {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("pid %d never became %q", pid, comm)
}
