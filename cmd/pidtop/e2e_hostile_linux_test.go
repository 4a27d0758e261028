package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// hostileArgv0 is a command line made to fool a terminal and a reader: an OSC
// title and a screen clear, carriage return and backspace, a tab, bidi
// override and zero-width joiner, wide CJK and an emoji family, invalid UTF-8.
const hostileArgv0 = "\x1b]2;pwned\x07\x1b[2J\r\bX\tY\u202eevil\u200dZ 中文 👨\u200d👩\u200d👧 \xff\xfe"

// startHostile starts the test binary as a process that renames itself every
// 10 ms (hostileNames), with hostileArgv0, a 100,000-byte argument and a
// hostile environment variable. It is killed and reaped by PID at the end.
func startHostile(t *testing.T) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &exec.Cmd{Path: self, Args: []string{hostileArgv0, "-test.run=^$", strings.Repeat("A", 100_000)},
		Env: append(os.Environ(), hostileEnv+"=1", "HOSTILE_VALUE=\x1b[2J\x1b]2;pwned\x07\u202e")}
	reaped(t, c)
	return c
}

// rawText returns the first code point of out that a terminal would act on or
// not draw (textsafe's rule), or invalid UTF-8, as an error; newlines (and,
// with crlf, a carriage return before one) are the format's own.
func rawText(out []byte, crlf bool) error {
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRune(out[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return fmt.Errorf("invalid UTF-8 at byte %d: %q", i, around(out, i))
		case r == '\n', crlf && r == '\r' && i+1 < len(out) && out[i+1] == '\n':
		case textsafe.MustEscape(r):
			return fmt.Errorf("raw %U at byte %d: %q", r, i, around(out, i))
		}
		i += n
	}
	return nil
}

func around(b []byte, i int) string { return string(b[max(i-20, 0):min(i+20, len(b))]) }

// TestHostileProcessEverywhere: a process whose name, command line and
// environment hold terminal controls, invisible and invalid text reaches no
// output raw: -b text, CSV and JSON (which must still parse), and in the
// viewer the table, details, command line and the per-process views, where
// the pane's title must never change (an OSC 2 that got through would set it).
func TestHostileProcessEverywhere(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	child := startHostile(t)
	pid := strconv.Itoa(child.Process.Pid)

	for _, form := range [][]string{{}, {"--csv"}, {"--json"}} {
		args := append([]string{"-b", "-n", "2", "-d", "2", "-p", pid, "--fields", "pid,name,cmdline,command,exe"}, form...)
		if len(form) == 0 {
			args = append(args, "--no-headers")
		}
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("pidtop %v: %v", args, err)
		}
		if err := rawText(out, len(form) > 0 && form[0] == "--csv"); err != nil {
			t.Errorf("pidtop %v: %v", args, err)
		}
		if !strings.Contains(string(out), "pwned") {
			t.Errorf("pidtop %v does not show the process:\n%.300s", args, out)
		}
		if len(form) > 0 && form[0] == "--json" {
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				var v map[string]any
				if err := json.Unmarshal([]byte(l), &v); err != nil {
					t.Errorf("JSON line does not parse: %v: %.200s", err, l)
				}
			}
		}
	}

	title := func() string { return strings.TrimSpace(p.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")) }
	before := title()
	p.startViewer(bin, "-d", "2", "-p", pid)
	check := func(what string, s string) {
		t.Helper()
		if got := title(); got != before {
			t.Fatalf("%s: the pane title changed from %q to %q", what, before, got)
		}
		for _, l := range strings.Split(s, "\n") {
			if utf8.RuneCountInString(l) > 160 {
				t.Fatalf("%s: a line wider than the pane: %q", what, l)
			}
		}
	}
	s := p.waitFor("the hostile row, escaped", func(s string) bool { return strings.Contains(s, "]2;pwned") })
	check("the table", s)
	p.send("Enter")
	check("details", p.waitText("Esc to return"))
	p.send("Escape")
	p.waitFor("the table again", func(s string) bool { return strings.Contains(s, "F10Quit") && !strings.Contains(s, "Esc to return") })
	p.send("w")
	check("the command line", p.waitText("AAAAAAAAAA"))
	p.send("Escape")
	p.waitFor("the table again", func(s string) bool { return strings.Contains(s, "F10Quit") && !strings.Contains(s, "AAAAAAAAAA") })
	p.send("e")
	check("the environment", p.waitText("HOSTILE_VALUE"))
	p.send("Escape")
	p.waitFor("the table again", func(s string) bool { return strings.Contains(s, "F10Quit") && !strings.Contains(s, "HOSTILE_VALUE") })
	for _, k := range []string{"l", "s"} {
		p.send(k)
		s := p.waitFor("the view of "+k, func(s string) bool { return strings.Contains(s, "of "+pid+" ") && strings.Contains(s, "Esc to return") })
		check("the view of "+k, s)
		p.send("Escape")
		p.waitFor("the table again", func(s string) bool { return strings.Contains(s, "F10Quit") })
	}
	check("the table at the end", p.capture(false))
}
