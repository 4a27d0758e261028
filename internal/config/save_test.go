package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// changed returns s with the value at p (from an option table) changed from
// what it is, within the option's rules.
func changed(t *testing.T, s *Settings, p any, enum []string) {
	t.Helper()
	switch v := p.(type) {
	case *bool:
		*v = !*v
	case *int:
		*v++
	case *string:
		if v == &s.ActiveScreen {
			*v = s.Screens[1].Name
			return
		}
		*v = enum[(slices.Index(enum, *v)+1)%len(enum)]
	case *[]Meter:
		*v = []Meter{{"uptime", ModeBar}, {"cpus", ModeText}, {"cpus", ModeBar}}
	case *[]Screen:
		*v = append(*v, Screen{Name: "Odd \"name\" \\ \t\n\x01\x7f é 🙂", Columns: []string{"cgroup", "exe"},
			SortKey: "exe", SortReverse: true, Tree: true})
	case *Exporter:
		v.GroupBy = GroupBys[(slices.Index(GroupBys, v.GroupBy)+1)%len(GroupBys)]
		v.TopK++
		v.MaxGroups++
		v.IO, v.CtxtSw, v.PSS = !v.IO, !v.CtxtSw, !v.PSS
		v.Groups = []GroupRule{{Name: "web \"x\"", Comm: `nginx|caddy`}, {Name: "pg", Cmdline: `^postgres: \w+`}, {Name: "both", Comm: "a.*", Cmdline: "b"}}
	default:
		t.Fatalf("no change for %T", p)
	}
}

// Every setting, changed alone from its default and all together, comes
// back from a save and a load as it was.
func TestRoundTrip(t *testing.T) {
	type change struct {
		name string
		f    func(*Settings)
	}
	var cases []change
	all := func(s *Settings) {}
	for _, o := range options {
		f := func(s *Settings) { changed(t, s, o.ptr(s), o.enum) }
		cases = append(cases, change{o.key, f})
		prev := all
		all = func(s *Settings) { prev(s); f(s) }
	}
	for _, o := range screenOptions {
		f := func(s *Settings) {
			switch p := o.ptr(&s.Screens[1]).(type) {
			case *string:
				if p == &s.Screens[1].Name && s.ActiveScreen == *p {
					s.ActiveScreen = "Disk" // follows the rename, as the UI would
				}
				*p = map[string]string{"name": "Disk", "sort_key": "pid"}[o.key]
			case *[]string:
				*p = append(*p, "elapsed_s")
			case *bool:
				*p = !*p
			}
		}
		cases = append(cases, change{"screens." + o.key, f})
		prev := all
		all = func(s *Settings) { prev(s); f(s) }
	}
	cases = append(cases, change{"all", all})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Defaults()
			c.f(&s)
			if reflect.DeepEqual(s, Defaults()) {
				t.Fatal("the change changed nothing")
			}
			path := filepath.Join(t.TempDir(), "pidtop", "config.toml")
			_, f, _ := Load(path)
			if err := f.Save(s); err != nil {
				t.Fatal(err)
			}
			got, _, probs := Load(path)
			if len(probs) > 0 || !reflect.DeepEqual(got, s) {
				t.Fatalf("loaded %+v, %v\nwant %+v", got, probs, s)
			}
			assertOnly(t, filepath.Dir(path), "config.toml")
		})
	}
}

// assertOnly fails unless dir holds exactly names: no temporary file left.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	if got := list(t, dir); !slices.Equal(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func list(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// handEdited is a file as a user might write it: comments, htop names,
// keys in their own order, most keys left out.
const handEdited = `# mine
delay = 10   # faster
[[screens]]
name = "Main"
columns = ["PID", "PERCENT_CPU", "Command"]
`

// A file changed on disk after Load is left exactly as the user left it.
func TestSaveChangedOnDisk(t *testing.T) {
	cases := []struct {
		name string
		edit func(path string) error
	}{
		{"same size and mtime", func(path string) error {
			info, err := os.Stat(path)
			if err != nil {
				return err
			}
			edited := bytes.Replace([]byte(handEdited), []byte("delay = 10"), []byte("delay = 20"), 1)
			if err := os.WriteFile(path, edited, 0o600); err != nil {
				return err
			}
			return os.Chtimes(path, info.ModTime(), info.ModTime())
		}},
		{"appended", func(path string) error {
			return os.WriteFile(path, []byte(handEdited+"mouse = false\n"), 0o600)
		}},
		{"removed", os.Remove},
		{"replaced by a directory", func(path string) error {
			if err := os.Remove(path); err != nil {
				return err
			}
			return os.Mkdir(path, 0o700)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeConfig(t, handEdited)
			s, f, probs := Load(path)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			if err := c.edit(path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)
			names := list(t, filepath.Dir(path))
			s.Mouse = !s.Mouse
			if err := f.Save(s); !errors.Is(err, ErrChangedOnDisk) {
				t.Fatalf("Save: %v, want ErrChangedOnDisk", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Errorf("file changed by Save:\n%s", after)
			}
			assertOnly(t, filepath.Dir(path), names...)
		})
	}
}

// A file created after Load found none is not overwritten either.
func TestSaveCreatedSinceLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	s, f, _ := Load(path)
	if err := os.WriteFile(path, []byte(handEdited), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Mouse = false
	if err := f.Save(s); !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("Save: %v, want ErrChangedOnDisk", err)
	}
	if got, _ := os.ReadFile(path); string(got) != handEdited {
		t.Errorf("file changed by Save:\n%s", got)
	}
}

// Settings equal to what was loaded write nothing: the user's comments and
// htop names stay. A changed setting rewrites the whole file, twice in a row.
func TestSaveOnlyWhenChanged(t *testing.T) {
	path := writeConfig(t, handEdited)
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	s, f, _ := Load(path)
	if err := f.Save(s); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != handEdited {
		t.Fatalf("an unchanged Save rewrote the file:\n%s", got)
	}
	for i, delay := range []int{11, 12} {
		s.Delay = delay
		if err := f.Save(s); err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
		got, _, probs := Load(path)
		if len(probs) > 0 || !reflect.DeepEqual(got, s) {
			t.Fatalf("save %d: loaded %+v, %v", i, got, probs)
		}
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("mode after Save: %v, %v; want 0640 kept", info.Mode(), err)
	}

	// No file and nothing changed: nothing is created.
	dir := filepath.Join(t.TempDir(), "pidtop")
	_, f, _ = Load(filepath.Join(dir, "config.toml"))
	if err := f.Save(Defaults()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("saving the defaults created %s: %v", dir, err)
	}
}

// A new file is 0600 in a directory created 0700.
func TestSaveCreates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config", "pidtop")
	path := filepath.Join(dir, "config.toml")
	s, f, _ := Load(path)
	s.ShowThreads = true
	if err := f.Save(s); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: %v, %v; want %v", p, info.Mode(), err, want)
		}
	}
}

// When the rename fails, the file is unchanged and the temporary file gone.
func TestSaveRenameFails(t *testing.T) {
	path := writeConfig(t, handEdited)
	s, f, _ := Load(path)
	rename = func(string, string) error { return fmt.Errorf("injected: %w", os.ErrPermission) }
	t.Cleanup(func() { rename = os.Rename })
	s.Mouse = false
	if err := f.Save(s); !errors.Is(err, os.ErrPermission) {
		t.Fatalf("Save: %v, want the rename's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != handEdited {
		t.Errorf("file changed:\n%s", got)
	}
	assertOnly(t, filepath.Dir(path), "config.toml")
}

func TestSaveNeverOverUnparsed(t *testing.T) {
	const broken = "delay = 10\n[[screens]\n"
	path := writeConfig(t, broken)
	s, f, probs := Load(path)
	if len(probs) != 1 || probs[0].Line != 2 {
		t.Fatalf("problems %v, want one on line 2", probs)
	}
	s.Delay = 30
	if err := f.Save(s); !errors.Is(err, ErrNotParsed) {
		t.Fatalf("Save: %v, want ErrNotParsed", err)
	}
	if got, _ := os.ReadFile(path); string(got) != broken {
		t.Errorf("file changed:\n%s", got)
	}
	assertOnly(t, filepath.Dir(path), "config.toml")
}
