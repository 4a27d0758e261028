package main

import (
	"os"
	"testing"
)

func TestFloorCountsProcesses(t *testing.T) {
	n, err := floor([]string{"stat", "uid", "cmdline", "statm"})
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir("/proc")
	if n < 2 || n > len(entries) {
		t.Errorf("read %d processes from a /proc of %d entries", n, len(entries))
	}
}
