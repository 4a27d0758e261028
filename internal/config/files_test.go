package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// unusual makes a path that is not a config file Load can use.
type unusual struct {
	name string
	make func(t *testing.T, dir string) string
	msg  string // the problem's message starts with this
}

// unusualFiles are the cases every OS has; files_unix_test.go adds FIFOs and
// devices.
var unusualFiles = []unusual{
	{"directory", func(t *testing.T, dir string) string { return dir },
		"is a directory, not a settings file"},
	{"over 1 MiB", func(t *testing.T, dir string) string {
		path := filepath.Join(dir, "config.toml")
		f, err := os.Create(path)
		if err == nil {
			err = errors.Join(f.Truncate(maxSize+1), f.Close()) // sparse: no MiB written
		}
		if err != nil {
			t.Fatal(err)
		}
		return path
	}, "is 1048577 bytes, over the 1 MiB limit for a settings file"},
	{"below a file", func(t *testing.T, dir string) string {
		file := filepath.Join(dir, "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(file, "config.toml")
	}, "cannot read it: not a directory"},
	{"unreadable", func(t *testing.T, dir string) string {
		path := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(path, []byte("delay = 10\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		if f, err := os.Open(path); err == nil {
			f.Close()
			t.Skip("mode 0 does not stop this user reading (root)")
		}
		return path
	}, "cannot read it: permission denied"},
}

func TestLoadUnusualFiles(t *testing.T) {
	for _, c := range append(unusualFiles, unusualUnix...) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := c.make(t, dir)
			s, f, probs := loadWithin(t, path)
			if len(probs) != 1 || probs[0].Line != 0 || !strings.HasPrefix(probs[0].Msg, c.msg) ||
				!strings.HasSuffix(probs[0].Msg, "; using defaults, and pidtop will not write over it") {
				t.Fatalf("problems %q, want one starting %q", probs, c.msg)
			}
			if !reflect.DeepEqual(s, Defaults()) {
				t.Errorf("settings %+v, want the defaults", s)
			}
			names := list(t, dir)
			s.Delay = 99
			if err := f.Save(s); !errors.Is(err, ErrNotParsed) {
				t.Errorf("Save: %v, want ErrNotParsed", err)
			}
			assertOnly(t, dir, names...)
		})
	}
}
