package main

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// TestReadTotalsSelf reads this test process: it has run code, so it has CPU
// time and context switches, at least one thread and a resident set.
func TestReadTotalsSelf(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	tot, err := readTotals("/proc/" + strconv.Itoa(os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	if tot.cpuNS == 0 || tot.threads < 1 || tot.rssKiB == 0 || tot.volCS+tot.involCS == 0 || tot.syscr == 0 {
		t.Errorf("readTotals(self) = %+v: a zero where the process has run", tot)
	}
}

// TestWatchGoneProcess: a PID that is not there is an error, not a line of zeros.
func TestWatchGoneProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	c := &burstCounter{Active: 5, MinReads: 30, Gap: time.Second}
	if _, err := watch("/proc/0", time.Millisecond, time.Millisecond, c, nil); err == nil {
		t.Error("watch(/proc/0) succeeded")
	}
}
