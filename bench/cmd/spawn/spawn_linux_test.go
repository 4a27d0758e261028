package main

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"testing"
)

// TestFillAndStop starts a few real sleep children, checks they are ours and
// asleep in our group with PDEATHSIG, then stops them and checks they are gone.
func TestFillAndStop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	n, err := countProcs()
	if err != nil {
		t.Fatal(err)
	}
	s := &spawner{}
	t.Cleanup(func() { s.stop() }) // kills by PID whatever is left on failure
	if err := s.fill(n+3, make(chan os.Signal)); err != nil {
		t.Fatal(err)
	}
	if len(s.children) == 0 {
		t.Skip("other processes started meanwhile: nothing to spawn")
	}
	for _, pid := range s.children {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			t.Fatalf("child %d: %v", pid, err)
		}
		// After exec the comm is "sleep"; just after fork it may still be ours.
		if !bytes.Contains(b, []byte("(sleep)")) && !bytes.Contains(b, []byte(".test)")) {
			t.Errorf("child %d is not sleep: %s", pid, b)
		}
		ppid := statField(t, b, 4)
		if ppid != os.Getpid() {
			t.Errorf("child %d has parent %d, want %d", pid, ppid, os.Getpid())
		}
		if pg, _ := syscall.Getpgid(pid); pg != syscall.Getpgrp() {
			t.Errorf("child %d is in group %d, want ours %d", pid, pg, syscall.Getpgrp())
		}
	}
	pids := append([]int(nil), s.children...)
	killed, reaped := s.stop()
	if killed != len(pids) || reaped != len(pids) {
		t.Errorf("stop: killed %d, reaped %d of %d", killed, reaped, len(pids))
	}
	for _, pid := range pids {
		// The PID may already belong to a new process; ours had our PID as parent.
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err == nil && statField(t, b, 4) == os.Getpid() {
			t.Errorf("child %d is still there after stop: %s", pid, b)
		}
	}
}

func TestCheckRoomRefusesPastPidMax(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	pidMax, err := readInt("/proc/sys/kernel/pid_max")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkRoom(pidMax); err == nil {
		t.Errorf("checkRoom(%d) = nil, want a refusal", pidMax)
	}
	if err := checkRoom(1); err != nil {
		t.Errorf("checkRoom(1) = %v, want nil", err)
	}
}

// statField returns field i (1-based, as in proc(5)) of a stat line, i > 2.
func statField(t *testing.T, b []byte, i int) int {
	t.Helper()
	f := bytes.Fields(b[bytes.LastIndexByte(b, ')')+1:])
	v, err := strconv.Atoi(string(f[i-3]))
	if err != nil {
		t.Fatalf("stat field %d of %q: %v", i, b, err)
	}
	return v
}
