package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeConfig writes a config file in a directory of the test's own.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Batch text prints the active screen's columns and sort from the config file;
// flags win over it; --no-config ignores it.
func TestBatchFollowsConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	path := writeConfig(t, `active_screen = "Mine"
[[screens]]
name = "Mine"
columns = ["pid", "ELAPSED", "PPID", "Command"]
sort_key = "pid"
`)
	self := strconv.Itoa(os.Getpid())
	header := func(args ...string) string {
		out := runOK(t, append([]string{"-b", "-n", "1", "-p", self}, args...)...)
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "PID") && strings.Contains(l, "Command") {
				return strings.Join(strings.Fields(l), " ")
			}
		}
		t.Fatalf("no header in %q", out)
		return ""
	}
	if got := header("--config", path); got != "PID ELAPSED PPID Command" {
		t.Errorf("config columns: header %q", got)
	}
	if got := header("--config", path, "-o", "pid,user,command"); got != "PID USER Command" {
		t.Errorf("--fields over the config: header %q", got)
	}
	if got := header("--config", path, "--no-config"); !strings.HasPrefix(got, "PID USER PRI NI VIRT") {
		t.Errorf("--no-config: header %q", got)
	}
	if got := header("--config", path); strings.Contains(got, "▽") {
		t.Errorf("batch header marks a sort: %q", got)
	}
}

// A bad entry is one line on stderr with file and line; that entry takes its
// default and the rest of the file still applies; the file is left as it was.
func TestBatchReportsBadConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	text := `delay = "fast"
[[screens]]
name = "Main"
columns = ["pid", "nosuch", "command"]
`
	path := writeConfig(t, text)
	var out, errb bytes.Buffer
	if rc := run([]string{"-b", "-n", "1", "-p", strconv.Itoa(os.Getpid()), "--config", path}, &out, &errb); rc != 0 {
		t.Fatalf("status %d: %s", rc, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], path+":1:") || !strings.Contains(lines[1], path+":4:") ||
		!strings.Contains(errb.String(), `"nosuch"`) {
		t.Errorf("stderr %q: want one line per bad entry with file and line", errb.String())
	}
	if !strings.Contains(out.String(), "PID Command") && !strings.Contains(strings.Join(strings.Fields(out.String()), " "), "PID Command") {
		t.Errorf("the good columns of the screen did not apply: %q", out.String())
	}
	if b, _ := os.ReadFile(path); string(b) != text {
		t.Error("batch mode rewrote the config file")
	}
	errb.Reset()
	if rc := run([]string{"-b", "-n", "1", "-p", strconv.Itoa(os.Getpid()), "--config", writeConfig(t, "[[[")}, &out, &errb); rc != 0 ||
		!strings.Contains(errb.String(), "config.toml:1") {
		t.Errorf("syntax error: status %d, stderr %q", rc, errb.String())
	}
}
