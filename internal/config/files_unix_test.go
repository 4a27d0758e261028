//go:build unix

package config

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

var unusualUnix = []unusual{
	{"FIFO", func(t *testing.T, dir string) string {
		path := filepath.Join(dir, "config.toml")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skip("no FIFO here:", err)
		}
		return path
	}, "is a named pipe, not a regular file"},
	{"device", func(t *testing.T, dir string) string { return os.DevNull }, "is a device, not a regular file"},
}

// loadWithin runs Load, failing the test instead of hanging if Load blocks
// (a FIFO with no writer).
func loadWithin(t *testing.T, path string) (Settings, *File, []Problem) {
	t.Helper()
	type result struct {
		s     Settings
		f     *File
		probs []Problem
	}
	done := make(chan result, 1)
	go func() {
		s, f, probs := Load(path)
		done <- result{s, f, probs}
	}()
	select {
	case r := <-done:
		return r.s, r.f, r.probs
	case <-time.After(30 * time.Second):
		t.Fatalf("Load(%s) blocked", path)
		return Settings{}, nil, nil
	}
}

// A config kept elsewhere and linked into place (a dotfiles repository)
// stays linked: Save writes the link's target.
func TestSaveThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := writeConfig(t, handEdited)
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	s, f, _ := Load(link)
	s.Mouse = false
	if err := f.Save(s); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symlink: %v, %v", link, fi.Mode(), err)
	}
	if got, _, _ := Load(real); got.Mouse {
		t.Error("the link's target was not written")
	}
	assertOnly(t, filepath.Dir(real), "config.toml")
}

// A read-only config directory is no problem for Load; Save says why it
// could not write and leaves nothing behind.
func TestReadOnlyDir(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("a read-only directory is writable for this user (root)")
	}
	s, f, probs := Load(path)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	s.Mouse = false
	if err := f.Save(s); !errors.Is(err, os.ErrPermission) {
		t.Fatalf("Save: %v, want a permission error", err)
	}
	assertOnly(t, dir)
}
