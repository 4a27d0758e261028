package control

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the unprivileged user the helpers run as.
var nobody = &syscall.Credential{Uid: 65534, Gid: 65534}

// publicCopy copies the test binary where nobody can run it.
func publicCopy(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to run helpers as another user")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "pidtop-control-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	exe := filepath.Join(dir, "control.test")
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(exe, os.O_CREATE|os.O_WRONLY, 0o755)
	if err == nil {
		_, err = io.Copy(dst, src)
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// TestPermissionRefused: an unprivileged helper signals a root process and raises
// the priority of its own; the kernel refuses both, and the refusal comes back
// with the kernel's reason, never as success.
func TestPermissionRefused(t *testing.T) {
	live(t)
	exe := publicCopy(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			root := spawn(t, false)
			r := runAsHelper(t, exe, "send", root.Target, m.o, 0, nobody)
			t.Logf("nobody signals root: %+v", r)
			if !r.Perm || !strings.Contains(r.Err, "operation not permitted") || r.Path != m.send {
				t.Errorf("send as nobody = %+v, want EPERM on path %s", r, m.send)
			}
			for _, what := range []string{"affinity", "ioprio", "fifo"} {
				r := runAsHelper(t, exe, what, root.Target, m.o, 0, nobody)
				t.Logf("nobody sets %s on root: %+v", what, r)
				if !r.Perm || r.Path != m.send {
					t.Errorf("%s as nobody = %+v, want the kernel's refusal on path %s", what, r, m.send)
				}
			}
			if !root.alive(t) {
				t.Error("the root process died")
			}

			cmd := exec.Command("sleep", "60")
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: nobody}
			own := spawnChild(t, cmd)
			r = runAsHelper(t, exe, "renice", own.Target, m.o, -5, nobody)
			t.Logf("nobody renices its own to -5: %+v", r)
			if !r.Perm || !strings.Contains(r.Err, "permission denied") {
				t.Errorf("renice -5 as nobody = %+v, want EACCES", r)
			}
			if r = runAsHelper(t, exe, "renice", own.Target, m.o, 5, nobody); r.Err != "" {
				t.Errorf("renice +5 as nobody = %+v, want success", r)
			}
		})
	}
}

// TestFallbackWhenOutOfFds: a helper with one descriptor left cannot hold a pidfd
// during the /proc read, so Send and Wait take the fallback on their own.
func TestFallbackWhenOutOfFds(t *testing.T) {
	live(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sleep", "60")
	p := spawnChild(t, cmd)
	r := runAsHelper(t, self, "exhaust", p.Target, Options{}, 0, nil)
	t.Logf("out of descriptors: %+v", r)
	if r.Err != "" || r.Path != PathKill || r.WaitErr != "" || r.WaitPath != PathPoll {
		t.Fatalf("helper = %+v, want Send by kill and Wait by polling", r)
	}
	checkSignaled(t, r.Exit, 15, true)
	if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "terminated") {
		t.Errorf("the target's own status: %v, want killed by SIGTERM", err)
	}
}
