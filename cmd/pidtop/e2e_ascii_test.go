package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Without a UTF-8 locale (LC_ALL=C), or with -U, no byte above 0x7f reaches
// the terminal: not the sort arrow (once "CPU%?"), the tree guides, a dialog's
// border, nor a process's own non-ASCII name.
func TestE2EASCIIOnly(t *testing.T) {
	bin := buildBinary(t, ".", "pidtop")
	for _, c := range []struct{ name, env, flags string }{
		{"LC_ALL=C", "LC_ALL=C", ""},
		{"-U", "LANG=C.UTF-8", "-U"},
	} {
		t.Run(c.name, func(t *testing.T) {
			child := &exec.Cmd{Path: "/bin/sleep", Args: []string{"ascii-test-漢字-é", "60"}}
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
			p := newPane(t)
			out := filepath.Join(t.TempDir(), "tty")
			p.tmux("pipe-pane", "-t", "e2e", "-o", "cat >> "+out)
			p.send("-l", strings.Join([]string{"env", c.env, bin, "--no-config", "-t", c.flags, "-F", "ascii-test"}, " "))
			p.send("Enter")
			pane := p.waitFor("the viewer with the child", func(s string) bool {
				return strings.Contains(s, "F10Quit") && strings.Contains(s, "60") && strings.Contains(s, "CPU%")
			})
			// tcell would print '?' for the arrow ("CPU%?"): the ASCII one is drawn.
			if !strings.Contains(pane, "CPU%v") || !strings.Contains(pane, "ascii-test-?") {
				t.Errorf("want the ASCII sort arrow and '?' for the name's non-ASCII runes:\n%s", pane)
			}
			p.send("F6") // the sort menu: a bordered list
			p.waitText("Sort by")
			p.send("Escape")
			// Escape and q sent together read as Alt-q: the menu closes first.
			p.waitFor("the menu to close", func(s string) bool { return !strings.Contains(s, "Sort by") })
			p.send("q")
			p.waitText("e2e$")
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), "ascii-test") {
				t.Fatalf("the capture has no viewer output (%d bytes)", len(b))
			}
			for i, c := range b {
				if c >= 0x80 {
					lo, hi := max(i-40, 0), min(i+40, len(b))
					t.Fatalf("byte %#x at %d reached the terminal: %q", c, i, b[lo:hi])
				}
			}
		})
	}
}
