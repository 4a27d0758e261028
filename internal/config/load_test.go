package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeConfig writes text to config.toml in a fresh directory.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// badEntries are files with bad entries: each problem is "line: message",
// and want is Defaults() with the good entries of the file applied. They also
// seed FuzzLoad.
var badEntries = []struct {
	name, text string
	problems   []string
	want       func(*Settings)
}{
	{"syntax error", "delay = 20\nmouse = = true\n",
		[]string{"2: syntax error: unexpected character U+003D '=' at start of value (using defaults; pidtop will not write over this file until it parses)"},
		nil},
	{"duplicate key is a syntax error", "delay = 20\ndelay = 30\n",
		[]string{"2: syntax error: key delay is already defined (using defaults; pidtop will not write over this file until it parses)"},
		nil},
	{"unknown key", "delay = 20\nnosuch = 1\nmouse = false\n",
		[]string{`2: unknown key "nosuch" (expected one of: ` + strings.Join(keysOf(options, optionKey), ", ") + ")"},
		func(s *Settings) { s.Delay, s.Mouse = 20, false }},
	{"misspelt key", "# comment\n\ndealy = 3\n",
		[]string{`3: unknown key "dealy" (did you mean "delay"?)`}, nil},
	{"wrong type", "delay = \"fast\"\nmouse = false\nhide_meters = 1\n",
		[]string{"1: wrong type for delay: expected an integer, got a string",
			"3: wrong type for hide_meters: expected true or false, got an integer"},
		func(s *Settings) { s.Mouse = false }},
	{"out of range", "delay = 0\ngrace = 86401\nhighlight_seconds = 60\n",
		[]string{"1: delay = 0 is out of range (expected 1 to 36000)", "2: grace = 86401 is out of range (expected 1 to 86400)"},
		func(s *Settings) { s.HighlightSeconds = 60 }},
	{"unknown scheme", "color_scheme = \"solarized\"\n",
		[]string{`1: unknown color scheme "solarized" in color_scheme (expected one of: default, monochrome, black-on-white, light-terminal, high-contrast)`},
		nil},
	{"unknown column", "mouse = false\n\n[[screens]]\nname = \"Main\"\ncolumns = [\n  \"pid\",\n  \"nosuch\",\n  \"PERCENT_CPU\",\n  \"pid\",\n]\n",
		[]string{`7: unknown column "nosuch" in screens[0].columns (expected a field ID or htop name; pidtop --fields help lists them)`},
		func(s *Settings) {
			s.Mouse = false
			s.Screens = s.Screens[:1]
			s.Screens[0].Columns = []string{"pid", "cpu_percent"}
		}},
	{"no known column", "[[screens]]\nname = \"I/O\"\ncolumns = [\"x\", 3]\ntree = true\n",
		[]string{`3: unknown column "x" in screens[0].columns (expected a field ID or htop name; pidtop --fields help lists them)`,
			"3: wrong type for screens[0].columns[1]: expected a field name (a string), got an integer"},
		func(s *Settings) { s.Screens = s.Screens[1:]; s.Screens[0].Tree = true; s.ActiveScreen = "I/O" }},
	{"unknown sort key, htop names", "[[screens]]\nname = \"Mine\"\ncolumns = [\"PID\", \"M_RESIDENT\"]\nsort_key = \"nosuch\"\n\n[[screens]]\nname = \"Main\"\nsort_key = \"M_RESIDENT\"\nsort_reverse = true\n",
		[]string{`4: unknown sort key "nosuch" in screens[0].sort_key (expected a field ID or htop name; pidtop --sort-key help lists them)`},
		func(s *Settings) {
			mine := defaultScreen("Mine")
			mine.Columns = []string{"pid", "res_bytes"}
			s.Screens[0].SortKey, s.Screens[0].SortReverse = "res_bytes", true
			s.Screens = []Screen{mine, s.Screens[0]}
		}},
	{"bad screens", "active_screen = \"Gone\"\n[[screens]]\nname = \"A\"\ncolums = []\n[[screens]]\nname = \"A\"\n[[screens]]\nname = \"  \"\n[[screens]]\n",
		[]string{`1: active_screen "Gone" names no screen (expected one of: "A", "A 2", "Screen 3", "Screen 4")`,
			`4: unknown key "colums" in screens[0] (did you mean "columns"?)`,
			`6: screen name "A" is used twice, here renamed "A 2" (expected each screen to have its own name)`,
			"8: screens[2].name is blank (expected a name for the tab)",
			"9: screens[3] has no name (expected name = \"...\")"},
		func(s *Settings) {
			s.Screens = []Screen{defaultScreen("A"), defaultScreen("A 2"), defaultScreen("Screen 3"), defaultScreen("Screen 4")}
			s.ActiveScreen = "A"
		}},
	{"empty screens", "screens = []\ndelay = 10\n",
		[]string{"1: no screens in screens (expected at least one [[screens]] table)"},
		func(s *Settings) { s.Delay = 10 }},
	{"screens not tables", "screens = 3\n", []string{"1: wrong type for screens: expected [[screens]] tables, got an integer"}, nil},
	{"bad meters", "left_meters = [\n  { name = \"cpus\", mode = \"graph\" },\n  { name = \"gpu\" },\n  \"memory\",\n  { mode = \"bar\" },\n  { name = \"uptime\", colour = 1 },\n]\nright_meters = []\n",
		[]string{`2: unknown meter mode "graph" in left_meters[0].mode (expected one of: bar, text)`,
			`3: unknown meter "gpu" in left_meters[1].name (expected one of: cpus, memory, swap, tasks, load, uptime)`,
			"4: wrong type for left_meters[2]: expected a meter like { name = \"cpus\", mode = \"bar\" }, got a string",
			"5: meter left_meters[3] has no name (expected one of: cpus, memory, swap, tasks, load, uptime)",
			`6: unknown key "colour" in left_meters[4] (expected one of: name, mode)`},
		func(s *Settings) { s.Left = []Meter{{"cpus", ModeBar}, {"uptime", ModeText}}; s.Right = []Meter{} }},
}

func TestLoadBadEntries(t *testing.T) {
	for _, c := range badEntries {
		t.Run(c.name, func(t *testing.T) {
			path := writeConfig(t, c.text)
			s, f, probs := Load(path)
			var got []string
			for _, p := range probs {
				if p.File != path {
					t.Errorf("problem names file %q, want %q", p.File, path)
				}
				got = append(got, strings.TrimPrefix(p.Error(), path+":"))
			}
			if strings.Join(got, "\n") != strings.Join(c.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.problems, "\n"))
			}
			want := Defaults()
			if c.want != nil {
				c.want(&want)
			}
			if !reflect.DeepEqual(s, want) {
				t.Errorf("settings:\n%+v\nwant:\n%+v", s, want)
			}
			// Only a file that did not parse is frozen; the others are
			// rewritten (without the bad entries) when a setting changes.
			s.Delay++
			err := f.Save(s)
			if syntax := strings.Contains(c.problems[0], "syntax error"); syntax != errors.Is(err, ErrNotParsed) {
				t.Errorf("Save: %v (syntax error: %v)", err, syntax)
			}
		})
	}
}

func TestProblemError(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := filepath.Join(home, ".config", "pidtop", "config.toml")
	p := Problem{File: path, Line: 12, Msg: `unknown column "nosuch" in screens[0].columns (expected a field ID or htop name; pidtop --fields help lists them)`}
	want := `~/.config/pidtop/config.toml:12: unknown column "nosuch" in screens[0].columns (expected a field ID or htop name; pidtop --fields help lists them)`
	if got := p.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	p = Problem{File: "/etc/pidtop.toml", Msg: "is a directory, not a settings file"}
	if got, want := p.Error(), "/etc/pidtop.toml: is a directory, not a settings file"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestLoadMissing(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "config.toml"), filepath.Join(dir, "no", "such", "config.toml")} {
		s, f, probs := Load(path)
		if len(probs) > 0 || !reflect.DeepEqual(s, Defaults()) || f.Path() != path {
			t.Errorf("Load(%s) = %+v, %v", path, s, probs)
		}
	}
}

func TestPath(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	all := env("PIDTOP_CONFIG", "/env/p.toml", "XDG_CONFIG_HOME", "/xdg", "HOME", "/home/u")
	cases := []struct {
		flag   string
		getenv func(string) string
		want   string
	}{
		{"/flag.toml", all, "/flag.toml"},
		{"", all, "/env/p.toml"},
		{"", env("XDG_CONFIG_HOME", "/xdg", "HOME", "/home/u"), filepath.Join("/xdg", "pidtop", "config.toml")},
		{"", env("XDG_CONFIG_HOME", "relative", "HOME", "/home/u"), filepath.Join("/home/u", ".config", "pidtop", "config.toml")},
		{"", env("HOME", "/home/u"), filepath.Join("/home/u", ".config", "pidtop", "config.toml")},
		{"", env(), ""},
	}
	for _, c := range cases {
		got, err := Path(c.flag, c.getenv)
		if got != c.want || (c.want == "") != errors.Is(err, ErrNoPath) {
			t.Errorf("Path(%q) = %q, %v; want %q", c.flag, got, err, c.want)
		}
	}
}

// A file with thousands of entries is refused before go-toml spends seconds
// on it, and never rewritten.
func TestLoadTooManyEntries(t *testing.T) {
	path := writeConfig(t, strings.Repeat("a = 1\n", maxEntries+1))
	s, f, probs := Load(path)
	want := "has 5001 '=' signs, more than the 5000 entries a settings file may have; using defaults, and pidtop will not write over it"
	if len(probs) != 1 || probs[0].Line != 0 || probs[0].Msg != want || !reflect.DeepEqual(s, Defaults()) {
		t.Fatalf("problems %q, want one: %s", probs, want)
	}
	if err := f.Save(Settings{}); !errors.Is(err, ErrNotParsed) {
		t.Errorf("Save: %v, want ErrNotParsed", err)
	}
}
