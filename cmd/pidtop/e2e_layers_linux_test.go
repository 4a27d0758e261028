package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestE2EPlainCoreShowsTheSame: the layers change what a frame costs, never
// what it shows. The viewer with every layer off (PIDTOP_OFF=all: no first
// look, no kept idle records, no frame diff or compactor, the runtime left
// alone) draws a sleeping process's row as the viewer with every layer on
// does, command line and SHR included, and a -b snapshot has the same fields.
func TestE2EPlainCoreShowsTheSame(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	marker := fmt.Sprintf("3600.%d4343", os.Getpid())
	pid := startProc(t, "sleep", marker).Process.Pid
	row := func(env string) string {
		p.startViewer(env+" "+bin, "-p", fmt.Sprint(pid))
		s := p.waitFor("the sleep's row, complete", func(s string) bool {
			l := lineWith(s, "sleep "+marker)
			return l != "" && !strings.Contains(l, "N/A")
		})
		p.send("q")
		p.waitFor("the shell", func(s string) bool { return !strings.Contains(s, "F10Quit") })
		// PID USER PRI NI VIRT RES SHR S, then the command line; CPU%, MEM%
		// and TIME+ may move between the two runs.
		f := strings.Fields(lineWith(s, "sleep "+marker))
		if len(f) < 12 {
			t.Fatalf("%s: a short row %q", env, f)
		}
		return strings.Join(append(f[:8:8], f[11:]...), " ")
	}
	on, off := row("env"), row("env PIDTOP_OFF=all")
	if on != off {
		t.Errorf("the row differs with every layer off:\n on: %s\noff: %s", on, off)
	}
	if !strings.Contains(off, "sleep "+marker) {
		t.Errorf("no command line with every layer off: %s", off)
	}

	keys := func(env ...string) string {
		cmd := exec.Command(bin, "-b", "-n", "1", "--json", "-p", fmt.Sprint(pid))
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v\n%s", env, err, out)
		}
		return fmt.Sprint(jsonKeys(t, string(out)))
	}
	if a, b := keys(), keys("PIDTOP_OFF=all"); a != b {
		t.Errorf("-b --json fields differ with every layer off:\n on: %s\noff: %s", a, b)
	}
}

// lineWith is the first line of s that holds text, or "".
func lineWith(s, text string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}
