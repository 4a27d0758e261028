package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/pidtop/pidtop/internal/export"
	"github.com/pidtop/pidtop/internal/field"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if rc := run(args, &out, &errb); rc != 0 {
		t.Fatalf("pidtop %v: status %d: %s", args, rc, errb.String())
	}
	return out.String()
}

func spawnNamed(t *testing.T, argv0 string) int {
	t.Helper()
	c := &exec.Cmd{Path: "/bin/sleep", Args: []string{argv0, "30"}}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Process.Kill(); c.Wait() })
	return c.Process.Pid
}

// The JSON fields are exactly the ones README.md documents, units in the names.
func TestJSONFieldsMatchREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	out := runOK(t, "--json", "-n", "1", "-p", strconv.Itoa(os.Getpid()))
	var snap map[string]any
	if err := json.Unmarshal([]byte(out), &snap); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	procs := snap["processes"].([]any)
	if len(procs) != 1 {
		t.Fatalf("-p self gave %d processes", len(procs))
	}
	self := procs[0].(map[string]any)
	if self["pid"].(float64) != float64(os.Getpid()) || self["user"] == nil || self["cmdline"] == nil {
		t.Errorf("self: %v", self)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := func(section string) []string {
		i := bytes.Index(readme, []byte("<!-- json:"+section+" -->"))
		if i < 0 {
			t.Fatalf("README has no json:%s list", section)
		}
		end := bytes.Index(readme[i:], []byte("<!-- /json -->"))
		var names []string
		for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9_]+)`").FindAllSubmatch(readme[i:i+end], -1) {
			names = append(names, string(m[1]))
		}
		slices.Sort(names)
		return names
	}
	check := func(section string, obj map[string]any) {
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := documented(section); !slices.Equal(keys, want) {
			t.Errorf("%s fields %v, README documents %v", section, keys, want)
		}
	}
	check("snapshot", snap)
	check("system", snap["system"].(map[string]any))
	var keys []string
	for k := range self {
		keys = append(keys, k)
	}
	want := append(field.IDs(export.JSONFields()), "argv") // beside cmdline
	slices.Sort(keys)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("process fields %v, the registry's JSON fields %v", keys, want)
	}
}

var update = flag.Bool("update", false, "rewrite README.md's fields table from the registry")

// README's generated sections are what the code makes: the table of fields
// (the registry), of flags (the flag set) and the config sample (the config
// layer's). `go test ./cmd/pidtop -run README -update` rewrites them.
func TestREADMEGenerated(t *testing.T) {
	sample, err := os.ReadFile("../../internal/config/sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range []struct{ name, want string }{
		{"fields", fieldsMarkdown()},
		{"flags", flagsMarkdown()},
		{"config", "```toml\n" + string(sample) + "```\n"},
	} {
		readme, err := os.ReadFile("../../README.md")
		if err != nil {
			t.Fatal(err)
		}
		open, end := "<!-- "+sec.name+" -->\n", "<!-- /"+sec.name+" -->"
		i, j := bytes.Index(readme, []byte(open)), bytes.Index(readme, []byte(end))
		if i < 0 || j < i {
			t.Fatalf("README has no <!-- %s --> section", sec.name)
		}
		if got := string(readme[i+len(open) : j]); got != sec.want {
			if !*update {
				t.Fatalf("README's %s section differs from the code's: go test ./cmd/pidtop -run README -update", sec.name)
			}
			out := append(append(append([]byte{}, readme[:i+len(open)]...), sec.want...), readme[j:]...)
			if err := os.WriteFile("../../README.md", out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Nothing a process controls reaches the terminal as an escape sequence.
func TestBatchSanitizesNames(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	pid := spawnNamed(t, "\x1b[2Jevil\x07")
	text := runOK(t, "-b", "-n", "1", "-p", strconv.Itoa(pid))
	if strings.ContainsAny(text, "\x1b\x07") || !strings.Contains(text, "evil") {
		t.Errorf("text output not sanitized: %q", text)
	}
	js := runOK(t, "--json", "-n", "1", "-p", strconv.Itoa(pid))
	if strings.ContainsAny(js, "\x1b\x07") || !strings.Contains(js, `\u001b[2Jevil\u0007 30`) {
		t.Errorf("json output not escaped: %q", js)
	}
}

func TestBatchFiltersAndSorts(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	a, b := spawnNamed(t, "pidtop-test-a"), spawnNamed(t, "pidtop-test-b")
	list := strconv.Itoa(a) + "," + strconv.Itoa(b)
	pids := func(args ...string) []int {
		var got []int
		for _, l := range strings.Split(runOK(t, args...), "\n") {
			if f := strings.Fields(l); len(f) > 11 && strings.HasPrefix(f[len(f)-2], "pidtop-test-") {
				n, _ := strconv.Atoi(f[0])
				got = append(got, n)
			}
		}
		return got
	}
	asc := pids("-b", "-n", "1", "-p", list, "-s", "pid")
	desc := pids("-b", "-n", "1", "-p", list, "-s", "pid", "--sort-reverse")
	if len(asc) != 2 || asc[0] > asc[1] || !slices.Equal(desc, []int{asc[1], asc[0]}) {
		t.Errorf("sort by pid: %v, reversed %v", asc, desc)
	}
	if got := pids("-b", "-n", "1", "-F", "PIDTOP-TEST-B"); len(got) != 1 || got[0] != b {
		t.Errorf("-F pidtop-test-b kept %v, want [%d]", got, b)
	}
	if got := pids("-b", "-n", "1", "-p", list, "-u", strconv.Itoa(os.Getuid())); len(got) != 2 {
		t.Errorf("-u <our uid> kept %v", got)
	}
}

// A reader that went away ends batch mode quietly with status 0.
func TestBatchClosedPipeExitsZero(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	var errb bytes.Buffer
	if rc := run([]string{"-b", "-n", "2", "-d", "1"}, w, &errb); rc != 0 || errb.Len() != 0 {
		t.Errorf("status %d, stderr %q", rc, errb.String())
	}
}

// Without a terminal the viewer does not start: it says to use -b, status 1.
func TestViewerNeedsATerminal(t *testing.T) {
	stdin := os.Stdin
	defer func() { os.Stdin = stdin }()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	os.Stdin = null
	var out, errb bytes.Buffer
	if rc := run(nil, &out, &errb); rc != 1 || !strings.Contains(errb.String(), "use -b") {
		t.Errorf("status %d, stderr %q; want 1 and a hint to use -b", rc, errb.String())
	}
}

// As ps: -p with no such process, or filters that match nothing, end with
// status 1 and one line on stderr; what was printed is still valid output.
func TestBatchNoMatchExitsOne(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	const none = "2147483646" // above any pid_max
	for _, c := range []struct {
		args  []string
		msg   string
		valid func(string) bool
	}{
		{[]string{"-b", "-p", none}, "pidtop: no process with PID " + none, func(s string) bool {
			return strings.Contains(s, "  PID USER") && strings.HasSuffix(s, "Command\n\n")
		}},
		{[]string{"--csv", "-p", none + ",2147483645"}, "pidtop: no process with any of the PIDs " + none + ",2147483645",
			func(s string) bool { return strings.HasPrefix(s, "pid,user,") && strings.Count(s, "\r\n") == 1 }},
		{[]string{"--json", "-n", "2", "-d", "1", "-F", "no-such-process-pidtop"}, `pidtop: no process matched -F "no-such-process-pidtop"`,
			func(s string) bool {
				lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
				for _, l := range lines {
					var snap struct{ Processes []any }
					if json.Unmarshal([]byte(l), &snap) != nil || snap.Processes == nil || len(snap.Processes) != 0 {
						return false
					}
				}
				return len(lines) == 2
			}},
		{[]string{"--csv", "--no-headers", "-p", "1", "-F", "no-such-process-pidtop"}, `pidtop: no process matched -p 1 -F "no-such-process-pidtop"`,
			func(s string) bool { return s == "" }},
	} {
		var out, errb bytes.Buffer
		rc := run(append([]string{"-n", "1"}, c.args...), &out, &errb)
		if rc != 1 || errb.String() != c.msg+"\n" || !c.valid(out.String()) {
			t.Errorf("%q: status %d, stderr %q, stdout %q; want 1, %q and valid output", c.args, rc, errb.String(), out.String(), c.msg)
		}
	}
	// One match among PIDs that do not exist is a match.
	runOK(t, "--csv", "-n", "1", "-p", none+","+strconv.Itoa(os.Getpid()))
}
