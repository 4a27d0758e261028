package exporttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// SpawnGroup starts n shells named name (a symlink to /bin/sh, so their comm
// is name, cut to 15 bytes), in one new process group; each spends a little
// CPU, then waits in a child sleep. The group is killed by its ID and every
// shell reaped when the test ends.
func SpawnGroup(t testing.TB, name string, n int) {
	t.Helper()
	link := filepath.Join(t.TempDir(), name)
	if err := os.Symlink("/bin/sh", link); err != nil {
		t.Fatal(err)
	}
	pgid := 0
	for range n {
		cmd := exec.Command(link, "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; sleep 3600; :")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pgid: pgid}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if pgid == 0 {
			pgid = cmd.Process.Pid
		}
		t.Cleanup(func() { _ = cmd.Wait() })
	}
	t.Cleanup(func() { _ = syscall.Kill(-pgid, syscall.SIGKILL) }) // runs before the Waits
}
