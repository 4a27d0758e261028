package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// A live process named "s\u200bshd", with invisible code points and 200
// combining marks in its arguments: -b shows each escaped and the marks
// capped, the same as the viewer; --json escapes them as JSON does and
// still decodes to the real text. Neither writes one of them raw.
func TestBatchShowsInvisibleCharacters(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	const name = "s\u200bshd"
	zalgo := "Z" + strings.Repeat("\u0336", 200)
	hidden := "a\u200db\ufeffc\u00add\u034fe"
	pid := strconv.Itoa(spawnAs(t, name, zalgo, hidden))

	text := runOK(t, "-b", "-n", "1", "-p", pid)
	rawInvisible(t, "text", text)
	for _, want := range []string{`s\u200bshd -c read x`, "Z" + strings.Repeat("\u0336", 4) + "…+196 ",
		`a\u200db\ufeffc\u00add\u034fe`} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}

	js := runOK(t, "--json", "-n", "1", "-p", pid)
	rawInvisible(t, "json", js)
	if !strings.Contains(js, `"s\u200bshd"`) || !strings.Contains(js, `a\u200db\ufeffc\u00add\u034fe`) {
		t.Errorf("json output lacks the escapes: %s", js)
	}
	var snap struct{ Processes []map[string]any }
	if err := json.Unmarshal([]byte(js), &snap); err != nil || len(snap.Processes) != 1 {
		t.Fatalf("json output: %v, %d processes: %s", err, len(snap.Processes), js)
	}
	var gotName, gotArgs bool
	for _, v := range snap.Processes[0] {
		s, _ := v.(string)
		gotName = gotName || s == name
		gotArgs = gotArgs || strings.HasSuffix(s, " "+zalgo+" "+hidden)
	}
	if !gotName || !gotArgs {
		t.Errorf("json does not decode to the real name (%v) and arguments (%v): %v", gotName, gotArgs, snap.Processes[0])
	}
}

// rawInvisible fails the test if out holds, raw, a code point that must be
// escaped (line ends aside).
func rawInvisible(t *testing.T, what, out string) {
	t.Helper()
	for _, r := range out {
		if r != '\n' && textsafe.MustEscape(r) {
			t.Errorf("%s output passes %U through:\n%s", what, r, out)
			return
		}
	}
}

// spawnAs starts sh through a symlink called name, so that the kernel names
// the process so (its comm is the basename the program was run by), with args
// after its script. The script waits on a pipe nobody writes to; the child is
// killed and reaped when the test ends.
func spawnAs(t *testing.T, name string, args ...string) int {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to run as a named process")
	}
	link := filepath.Join(t.TempDir(), name)
	if err := os.Symlink(sh, link); err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &exec.Cmd{Path: link, Args: append([]string{name, "-c", "read x"}, args...), Stdin: r}
	err = c.Start()
	r.Close()
	if err != nil {
		w.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Process.Kill(); c.Wait(); w.Close() })
	// Start returns once the child has exec'd, so its name is already set.
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", c.Process.Pid))
	if err != nil || string(comm) != name+"\n" {
		t.Fatalf("child %d is named %q (%v), want %q", c.Process.Pid, comm, err, name)
	}
	return c.Process.Pid
}
