package procfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// liveParsers parses each per-process file of the real /proc and checks what
// can be checked against the directory it came from.
var liveParsers = map[string]func(b []byte, id int) error{
	"stat": func(b []byte, id int) error {
		var s Stat
		if err := ParseStat(b, &s); err != nil {
			return err
		}
		if int(s.PID) != id {
			return fmt.Errorf("pid %d", s.PID)
		}
		return nil
	},
	"statm": func(b []byte, _ int) error { var m Statm; return ParseStatm(b, &m) },
	"status": func(b []byte, id int) error {
		var s Status
		if err := ParseStatus(b, &s); err != nil {
			return err
		}
		if int(s.Pid) != id {
			return fmt.Errorf("pid %d", s.Pid)
		}
		return nil
	},
	"io": func(b []byte, _ int) error { var io IO; return ParseIO(b, &io) },
	"cgroup": func(b []byte, _ int) error {
		if p := ParseCgroup(b); !strings.HasPrefix(p, "/") {
			return fmt.Errorf("cgroup path %q", p)
		}
		return nil
	},
	"cmdline": func(b []byte, _ int) error {
		if cmd, n := ParseCmdline(b); n > len(cmd) {
			return fmt.Errorf("argv0Len %d > %d", n, len(cmd))
		}
		return nil
	},
}

// TestParseEveryLiveProcess parses every file of every process and thread of
// this machine's /proc. A process that ends during the walk is skipped; a file
// we may not read is counted, not failed.
func TestParseEveryLiveProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole of /proc")
	}
	dirs := []string{"/proc/self", "/proc/thread-self"}
	for _, pattern := range []string{"/proc/[0-9]*", "/proc/[0-9]*/task/[0-9]*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, m...)
	}
	parsed, denied, gone := 0, 0, 0
	for _, dir := range dirs {
		for name, parse := range liveParsers {
			b, err := os.ReadFile(filepath.Join(dir, name))
			switch {
			case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ESRCH):
				gone++
				continue
			case errors.Is(err, fs.ErrPermission):
				denied++
				continue
			case err != nil:
				t.Fatal(err)
			}
			if err := parse(b, dirID(t, dir)); err != nil {
				t.Errorf("%s/%s: %v\n%q", dir, name, err, b)
			}
			parsed++
		}
	}
	t.Logf("%d directories: %d files parsed, %d denied, %d gone", len(dirs), parsed, denied, gone)
	if parsed < len(liveParsers)*len(dirs)/2 {
		t.Errorf("only %d files parsed", parsed)
	}
}

// dirID returns the PID or TID a /proc directory stands for.
func dirID(t *testing.T, dir string) int {
	t.Helper()
	target, err := filepath.EvalSymlinks(dir)
	if err != nil {
		target = dir // gone meanwhile: the parse will not be reached for it
	}
	id, err := strconv.Atoi(filepath.Base(target))
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return id
}

func TestParseLiveSystemFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the real /proc")
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("/proc", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var s SysStat
	var m Meminfo
	var l LoadAvg
	if err := ParseSysStat(read("stat"), &s); err != nil {
		t.Error(err)
	}
	if err := ParseMeminfo(read("meminfo"), &m); err != nil {
		t.Error(err)
	}
	if err := ParseLoadAvg(read("loadavg"), &l); err != nil {
		t.Error(err)
	}
	if _, _, err := ParseUptime(read("uptime")); err != nil {
		t.Error(err)
	}
}
