package main

import (
	"os"
	"testing"
)

// TestMain keeps every test off the user's own config file: the viewers and
// batch runs the tests start (in this process or in tmux, which inherits this
// environment) read and save settings under a directory of their own.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pidtop-test-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Unsetenv("PIDTOP_CONFIG")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
