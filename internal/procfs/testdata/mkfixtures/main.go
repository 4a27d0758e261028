// Command mkfixtures copies real /proc files of this machine into a fixture tree
// for the procfs tests: `make fixtures` runs it as
//
//	go run ./internal/procfs/testdata/mkfixtures internal/procfs/testdata/live
//
// The tree mirrors /proc: DIR/{stat,meminfo,loadavg,uptime} and, for a few
// processes, DIR/PID/{stat,statm,schedstat,status,io,cgroup,cmdline} and
// DIR/PID/task/TID/stat. DIR/ROLES names what each PID is (init, kthreadd, the
// kernel thread with the longest name, this program, a sleeping child, a zombie
// child), so the tests can check each kind without knowing the PIDs. It rewrites
// only those files. A file it may not read (io of another user's process, or
// of PID 1 here even as root) is left out and named on stderr.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

var (
	systemFiles  = []string{"stat", "meminfo", "loadavg", "uptime"}
	processFiles = []string{"stat", "statm", "schedstat", "status", "io", "cgroup", "cmdline", "smaps_rollup", "oom_score"}
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkfixtures DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := clean(dir); err != nil {
		return err
	}
	sleeper := exec.Command("sleep", "60")
	zombie := exec.Command("true")
	for _, c := range []*exec.Cmd{sleeper, zombie} {
		if err := c.Start(); err != nil {
			return err
		}
	}
	defer func() {
		_ = sleeper.Process.Kill()
		_ = sleeper.Wait()
		_ = zombie.Wait()
	}()
	if err := waitState(zombie.Process.Pid, 'Z'); err != nil {
		return err
	}
	if err := waitExec(sleeper.Process.Pid, "sleep"); err != nil {
		return err
	}
	roles := []struct {
		name string
		pid  int
	}{
		{"init", 1}, {"kthreadd", 2}, {"kworker", longestKernelThread()},
		{"self", os.Getpid()}, {"sleeper", sleeper.Process.Pid}, {"zombie", zombie.Process.Pid},
	}
	var list bytes.Buffer
	for _, r := range roles {
		if err := copyProcess(dir, r.pid); err != nil {
			return fmt.Errorf("%s (pid %d): %w", r.name, r.pid, err)
		}
		fmt.Fprintf(&list, "%s %d\n", r.name, r.pid)
	}
	for _, f := range systemFiles {
		if err := copyFile(filepath.Join("/proc", f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "ROLES"), list.Bytes(), 0o644)
}

// clean removes what an earlier run wrote: the PID directories, the system files
// and ROLES. Nothing else in dir is touched.
func clean(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err == nil && e.IsDir() {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for _, f := range append(systemFiles, "ROLES") {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// copyProcess copies the process files of pid and the stat of each of its threads.
func copyProcess(dir string, pid int) error {
	src := filepath.Join("/proc", strconv.Itoa(pid))
	dst := filepath.Join(dir, strconv.Itoa(pid))
	for _, f := range processFiles {
		err := copyFile(filepath.Join(src, f), filepath.Join(dst, f))
		if errors.Is(err, fs.ErrPermission) {
			fmt.Fprintf(os.Stderr, "mkfixtures: skipped: %v\n", err)
			continue
		}
		if err != nil {
			return err
		}
	}
	tids, err := os.ReadDir(filepath.Join(src, "task"))
	if err != nil {
		return err
	}
	for _, t := range tids {
		from := filepath.Join(src, "task", t.Name(), "stat")
		if err := copyFile(from, filepath.Join(dst, "task", t.Name(), "stat")); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// longestKernelThread returns the kernel thread (a child of kthreadd) with the
// longest name, the hardest for a comm parser; 2 if there is none.
func longestKernelThread() int {
	best, bestLen := 2, 0
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || end < open || !bytes.HasPrefix(b[end:], []byte(") I 2 ")) &&
			!bytes.HasPrefix(b[end:], []byte(") S 2 ")) {
			continue
		}
		if n := end - open - 1; n > bestLen {
			best, bestLen = pid, n
		}
	}
	return best
}

// waitState waits up to 5 s for pid's stat to show the given state letter.
func waitState(pid int, state byte) error {
	return poll(pid, func(stat []byte) bool {
		end := bytes.LastIndexByte(stat, ')')
		return end >= 0 && end+2 < len(stat) && stat[end+2] == state
	})
}

// waitExec waits up to 5 s for pid to have exec'd comm (a started child first
// shows its parent's name).
func waitExec(pid int, comm string) error {
	return poll(pid, func(stat []byte) bool {
		return bytes.Contains(stat, []byte("("+comm+")"))
	})
}

func poll(pid int, done func(stat []byte) bool) error {
	path := filepath.Join("/proc", strconv.Itoa(pid), "stat")
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if b, err := os.ReadFile(path); err == nil && done(b) {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("pid %d: timed out waiting on %s", pid, path)
}
