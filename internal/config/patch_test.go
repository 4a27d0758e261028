package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// handWritten is a settings file as a user might keep it: comments of their
// own, keys in their order, a key this version does not know, a multi-line
// array with a comment inside, a trailing comment on a value.
const handWritten = `# my pidtop settings
delay = 30   # three seconds: this box is slow
mouse = false

# a key from a newer pidtop
future_option = "keep me"

left_meters = [
  { name = "cpus", mode = "bar" }, # all of them
  { name = "memory", mode = "bar" },
]

# my screens
[[screens]]
name = "Main"
# the usual columns
columns = ["pid", "user", "cpu_percent", "command"]
sort_key = "cpu_percent"

[[screens]]
name = "I/O"
columns = ["pid", "io_bytes_per_s", "command"]
sort_key = "io_bytes_per_s"
tree = false
`

// saveEdited loads text from a file, applies edit to the settings and saves
// them; it returns the file's new bytes.
func saveEdited(t *testing.T, text string, edit func(*Settings)) (Settings, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	s, f, _ := Load(path)
	edit(&s)
	if err := f.Save(s); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	back, _, probs := Load(path)
	for _, p := range probs {
		if !strings.Contains(p.Msg, "future_option") {
			t.Errorf("the saved file has a problem: %v", p)
		}
	}
	if !bytes.Equal(encode(back), encode(s)) {
		t.Errorf("saved settings do not load back:\n%s", out)
	}
	return s, out
}

// A change made in the viewer rewrites only the values that changed; the
// user's comments, order and unknown keys stay.
func TestSaveKeepsTheUsersFile(t *testing.T) {
	_, out := saveEdited(t, handWritten, func(s *Settings) {
		s.Delay = 15
		s.Screens[0].SortKey = "mem_percent"
		s.Screens[1].Tree = true
	})
	want := strings.NewReplacer(
		"delay = 30   # three seconds: this box is slow", "delay = 15 # three seconds: this box is slow",
		`sort_key = "cpu_percent"`, `sort_key = "mem_percent"`,
		"tree = false", "tree = true",
	).Replace(handWritten)
	if string(out) != want {
		t.Errorf("saved:\n%s\nwant:\n%s", out, want)
	}
}

// A key the file lacks is added: a top-level one before the first table
// (after it, it would belong to that table), a screen's in its table.
func TestSaveAddsMissingKeys(t *testing.T) {
	_, out := saveEdited(t, handWritten, func(s *Settings) {
		s.ShowThreads = true
		s.Screens[0].Tree = true
	})
	text := string(out)
	threads, firstScreen := strings.Index(text, "show_threads = true"), strings.Index(text, "[[screens]]")
	if threads < 0 || threads > firstScreen {
		t.Errorf("show_threads not added before the first table:\n%s", text)
	}
	if !strings.Contains(text, "[[screens]]\ntree = true\nname = \"Main\"") {
		t.Errorf("the first screen's tree not added in its table:\n%s", text)
	}
	if !strings.Contains(text, "future_option = \"keep me\"") || !strings.Contains(text, "# the usual columns") {
		t.Errorf("the user's lines were lost:\n%s", text)
	}
}

// A multi-line value is replaced whole; a screen added rewrites the screens'
// tables where they were and keeps what is above them.
func TestSaveReplacesArraysAndScreens(t *testing.T) {
	s, out := saveEdited(t, handWritten, func(s *Settings) {
		s.Left = []Meter{{"load", ModeText}}
		s.Screens = append(s.Screens, Screen{Name: "Mine", Columns: []string{"pid", "command"}, SortKey: "pid"})
	})
	text := string(out)
	if strings.Contains(text, `name = "memory"`) || !strings.Contains(text, `{ name = "load", mode = "text" }`) {
		t.Errorf("left_meters not replaced:\n%s", text)
	}
	if n := strings.Count(text, "[[screens]]"); n != len(s.Screens) {
		t.Errorf("%d screen tables for %d screens:\n%s", n, len(s.Screens), text)
	}
	for _, keep := range []string{"# my pidtop settings", "future_option", "# my screens", "# three seconds"} {
		if !strings.Contains(text, keep) {
			t.Errorf("lost %q:\n%s", keep, text)
		}
	}
}

// A file pidtop cannot patch (the screens as an inline array) is written
// whole, as before: the settings are saved, the comments not.
func TestSaveFallsBackToWholeFile(t *testing.T) {
	inline := "# mine\ndelay = 20\nscreens = [{ name = \"Main\", columns = [\"pid\", \"command\"], sort_key = \"pid\" }]\n"
	s, out := saveEdited(t, inline, func(s *Settings) { s.Screens[0].Tree = true })
	if !bytes.Equal(out, encode(s)) {
		t.Errorf("not the whole file:\n%s", out)
	}
}

// valueEnd finds the end of every kind of value, and the comment after it.
func TestValueEnd(t *testing.T) {
	cases := []struct {
		text    string
		end     int
		comment string
	}{
		{"a = 1\nb = 2\n", 1, ""},
		{"a = \"x # not a comment\" # one\n", 1, "# one"},
		{"a = [\n 1, # two\n 2,\n] # three\nb = 1\n", 4, "# three"},
		{"a = '''\nline ] #\n'''\nb = 1\n", 3, ""},
		{"a = \"\"\"\nq \\\"\"\" x\"\"\"\n", 2, ""},
		{"\"quoted = key\" = { x = [1, {y = 2}] }\n", 1, ""},
	}
	for _, c := range cases {
		end, comment, ok := valueEnd(splitLines([]byte(c.text)), 0)
		if !ok || end != c.end || comment != c.comment {
			t.Errorf("%q: end %d, comment %q, ok %v; want %d, %q", c.text, end, comment, ok, c.end, c.comment)
		}
	}
	if _, _, ok := valueEnd(splitLines([]byte("a = \"open\n")), 0); ok {
		t.Error("an unclosed string has an end")
	}
}
