package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestE2EProcessViews opens s, e and l on a spawned sleep in the real binary
// and terminal: the system call it sleeps in, its environment with a hostile
// value escaped, and its open files.
func TestE2EProcessViews(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	cmd := exec.Command("sleep", "3600")
	cmd.Env = []string{"PIDTOP_E2E_MARK=\x1b[31mred\u202e", "PATH=/usr/bin:/bin"}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	pid := fmt.Sprint(cmd.Process.Pid)
	p.startViewer(bin, "-p", pid)
	p.waitFor("the sleep's row", func(s string) bool { return strings.Contains(s, "sleep 3600") })

	p.send("s")
	p.waitFor("the syscall", func(s string) bool {
		return strings.Contains(s, "Syscall: clock_nanosleep(") || strings.Contains(s, "Syscall: nanosleep(")
	})
	p.send("Escape")
	p.waitText("F10Quit")

	p.send("e")
	// Shown in caret notation, the escape did not reach the terminal as one.
	s := p.waitText(`PIDTOP_E2E_MARK=^[[31mred\u202e`)
	if strings.ContainsRune(s, '\u202e') {
		t.Errorf("the bidi override reached the terminal:\n%s", s)
	}
	p.send("q")
	p.waitText("F10Quit")

	p.send("l")
	p.waitText("Open files of " + pid)
	p.waitText("Memory-mapped files")
	p.send("q")
	p.waitText("F10Quit")
	if _, err := os.Stat("/proc/" + pid); err != nil {
		t.Errorf("the sleep died: %v", err)
	}
}
