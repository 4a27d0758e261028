package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// capsOf reads the CapPrm, CapEff and CapInh lines of every thread of pid.
func capsOf(t *testing.T, pid int) map[string][3]uint64 {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/task", pid)
	tids, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][3]uint64{}
	for _, tid := range tids {
		b, err := os.ReadFile(filepath.Join(dir, tid.Name(), "status"))
		if err != nil {
			continue // a thread that ended
		}
		var c [3]uint64
		for _, l := range strings.Split(string(b), "\n") {
			for i, key := range []string{"CapPrm:", "CapEff:", "CapInh:"} {
				if v, ok := strings.CutPrefix(l, key); ok {
					c[i], _ = strconv.ParseUint(strings.TrimSpace(v), 16, 64)
				}
			}
		}
		out[tid.Name()] = c
	}
	return out
}

// TestDropCapabilities runs a cgo-free build in batch mode with each mode
// and reads every thread's capabilities from /proc while it runs: basic and
// strict keep htop's sets (of what the test had), off keeps all, and the
// default is basic.
func TestDropCapabilities(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "pidtop")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var own [2]unix.CapUserData
	if err := unix.Capget(&hdr, &own[0]); err != nil {
		t.Fatal(err)
	}
	have := uint64(own[0].Permitted) | uint64(own[1].Permitted)<<32
	const basic = 1<<2 | 1<<5 | 1<<19 | 1<<23 // DAC_READ_SEARCH KILL SYS_PTRACE SYS_NICE
	const strict = 1<<2 | 1<<19
	for _, c := range []struct {
		args []string
		want uint64
	}{
		{[]string{"--drop-capabilities=strict"}, have & strict},
		{[]string{"--drop-capabilities", "strict"}, have & strict},
		{[]string{"--drop-capabilities=basic"}, have & basic},
		{[]string{"--drop-capabilities"}, have & basic},
		{nil, have & basic},
		{[]string{"--drop-capabilities=off"}, have},
	} {
		cmd := exec.Command(bin, append([]string{"-b", "-n", "1000", "-d", "1"}, c.args...)...)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pid := cmd.Process.Pid
		if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil { // running: past the drop
			t.Fatalf("%v: %v", c.args, err)
		}
		got := capsOf(t, pid)
		_ = unix.Kill(pid, unix.SIGKILL)
		_ = cmd.Wait()
		if len(got) < 2 {
			t.Fatalf("%v: %d threads read; the test proves nothing about every thread", c.args, len(got))
		}
		for tid, caps := range got {
			if caps != [3]uint64{c.want, c.want, 0} {
				t.Errorf("%v: thread %s has permitted %#x effective %#x inheritable %#x, want %#x", c.args, tid, caps[0], caps[1], caps[2], c.want)
			}
		}
		t.Logf("%v: %d threads, each with %#x", c.args, len(got), c.want)
	}
}
