package control

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// firstCPU is the lowest CPU this test may run on (a container's cpuset may
// not hold CPU 0).
func firstCPU() int {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err == nil {
		for c := range maxCPUs {
			if set.IsSet(c) {
				return c
			}
		}
	}
	return 0
}

// ioprioGet reads pid's I/O priority straight from the kernel.
func ioprioGet(t *testing.T, pid int) int {
	t.Helper()
	v, _, e := unix.Syscall(unix.SYS_IOPRIO_GET, ioprioWhoProcess, uintptr(pid), 0)
	if e != 0 {
		t.Fatalf("ioprio_get(%d): %v", pid, e)
	}
	return int(v)
}

// schedGet reads pid's scheduling policy straight from the kernel.
func schedGet(t *testing.T, pid int) int {
	t.Helper()
	v, _, e := unix.Syscall(unix.SYS_SCHED_GETSCHEDULER, uintptr(pid), 0, 0)
	if e != 0 {
		t.Fatalf("sched_getscheduler(%d): %v", pid, e)
	}
	return int(v)
}

// cpusAllowed is /proc/PID/status's Cpus_allowed_list, as the kernel says it.
func cpusAllowed(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "Cpus_allowed_list:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("no Cpus_allowed_list in /proc/%d/status", pid)
	return ""
}

// TestSchedulingActions sets an I/O priority, a CPU affinity and a policy on
// a spawned process, on both paths, and reads each back from the kernel.
func TestSchedulingActions(t *testing.T) {
	live(t)
	cpu := firstCPU()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := spawn(t, true)
			if res, err := SetIOPriority(p.Target, IOPriority{Class: IOClassBestEffort, Level: 6}, m.o); err != nil || res.Path != m.send {
				t.Fatalf("SetIOPriority = %v, %v; want path %s", res, err, m.send)
			}
			if got := ioprioGet(t, p.PID); got != int(IOClassBestEffort)<<13|6 {
				t.Errorf("ioprio_get after be/6 = %#x", got)
			}
			if io, err := IOPriorityOf(p.Target, m.o); err != nil || io.String() != "be/6" {
				t.Errorf("IOPriorityOf = %v, %v; want be/6", io, err)
			}
			if _, err := SetIOPriority(p.Target, IOPriority{Class: IOClassIdle}, m.o); err != nil {
				t.Fatal(err)
			}
			if got := ioprioGet(t, p.PID); got>>13 != int(IOClassIdle) {
				t.Errorf("ioprio_get after idle = %#x", got)
			}

			if res, err := SetAffinity(p.Target, []int{cpu}, m.o); err != nil || res.Path != m.send {
				t.Fatalf("SetAffinity = %v, %v; want path %s", res, err, m.send)
			}
			if got := cpusAllowed(t, p.PID); got != strconv.Itoa(cpu) {
				t.Errorf("Cpus_allowed_list after SetAffinity(%d) = %q", cpu, got)
			}
			if cpus, err := AffinityOf(p.Target, m.o); err != nil || len(cpus) != 1 || cpus[0] != cpu {
				t.Errorf("AffinityOf = %v, %v", cpus, err)
			}

			batch := Policies()[1]
			if res, err := SetPolicy(p.Target, batch, 0, m.o); err != nil || res.Path != m.send {
				t.Fatalf("SetPolicy(%s) = %v, %v; want path %s", batch.Name, res, err, m.send)
			}
			if got := schedGet(t, p.PID); got != unix.SCHED_BATCH {
				t.Errorf("sched_getscheduler after SCHED_BATCH = %d", got)
			}
			if pol, prio, err := PolicyOf(p.Target, m.o); err != nil || pol.Name != "SCHED_BATCH" || prio != 0 {
				t.Errorf("PolicyOf = %v %d, %v", pol, prio, err)
			}
		})
	}
}

// TestSchedulingRefusals: values the kernel cannot take are refused before
// any call; a realtime policy without the privilege comes back as the
// kernel's EPERM.
func TestSchedulingRefusals(t *testing.T) {
	live(t)
	p := spawn(t, false)
	for what, err := range map[string]error{
		"level 8": func() error {
			_, err := SetIOPriority(p.Target, IOPriority{Class: IOClassBestEffort, Level: 8}, Options{})
			return err
		}(),
		"no CPU":    func() error { _, err := SetAffinity(p.Target, nil, Options{}); return err }(),
		"CPU -1":    func() error { _, err := SetAffinity(p.Target, []int{-1}, Options{}); return err }(),
		"FIFO 0":    func() error { _, err := SetPolicy(p.Target, Policies()[3], 0, Options{}); return err }(),
		"BATCH 5":   func() error { _, err := SetPolicy(p.Target, Policies()[1], 5, Options{}); return err }(),
		"CPU 10000": func() error { _, err := SetAffinity(p.Target, []int{10000}, Options{}); return err }(),
	} {
		if !errors.Is(err, ErrBadValue) {
			t.Errorf("%s: %v, want ErrBadValue", what, err)
		}
	}
	// A CPU the machine does not have: the kernel's EINVAL, wrapped.
	_, err := SetAffinity(p.Target, []int{maxCPUs - 1}, Options{})
	if !errors.Is(err, unix.EINVAL) || !strings.Contains(err.Error(), "set the CPU affinity of pid") {
		t.Errorf("SetAffinity to CPU %d: %v, want the kernel's EINVAL", maxCPUs-1, err)
	}
	t.Logf("refusal reads: %v", err)
	if os.Geteuid() == 0 {
		t.Skip("root may set a realtime policy")
	}
	_, err = SetPolicy(p.Target, Policies()[3], 10, Options{})
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("SCHED_FIFO as an ordinary user: %v, want the kernel's EPERM", err)
	}
	t.Logf("refusal reads: %v", err)
}
