package stress

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/collect"
)

// TestLowFileLimit: under RLIMIT_NOFILE 64 and 20 (in a re-executed helper,
// never this process) collection completes every tick without an error.
func TestLowFileLimit(t *testing.T) {
	for _, limit := range []int{64, 20} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			r := scenario(t, "nofile-"+strconv.Itoa(limit))
			cmd := childCommand("rlimit " + strconv.Itoa(limit))
			out, err := cmd.CombinedOutput()
			t.Logf("helper:\n%s", out)
			if err != nil {
				t.Fatalf("helper: %v", err)
			}
			var ticks, errs, fds int
			var heap uint64
			var cpu float64
			for _, l := range strings.Split(string(out), "\n") {
				if rest, ok := strings.CutPrefix(l, "report "); ok {
					fmt.Sscanf(rest, "%d %d %d %d %g", &ticks, &errs, &heap, &fds, &cpu)
				}
			}
			resultsMu.Lock()
			r.ticks, r.errors, r.maxHeap, r.maxFDs, r.maxCPU = ticks, errs, heap, fds, cpu
			resultsMu.Unlock()
			if ticks < 3 || errs > 0 {
				t.Errorf("%d ticks, %d errors; want 3 and none", ticks, errs)
			}
		})
	}
}

// underLimit is TestLowFileLimit's helper: it lowers its own open-file limit
// to limit, collects a few ticks (threads too) and prints a report line:
// ticks, errors, heap, descriptors, largest CPU%.
func underLimit(limit int) int {
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &unix.Rlimit{Cur: uint64(limit), Max: uint64(limit)}); err != nil {
		fmt.Println("setrlimit:", err)
		return 1
	}
	c, err := collect.New(collect.Config{Threads: true, Needs: collect.NeedCmdline | collect.NeedIO, SkipIdle: true})
	if err != nil {
		fmt.Println("collect.New:", err)
		return 1
	}
	defer c.Close()
	r := &result{}
	for range 5 {
		s := c.Collect()
		r.snapshot(s)
		r.sample()
		if s.Cost.Errors > 0 {
			fmt.Printf("tick %d: %d errors, the last: %s\n", s.Tick, s.Cost.Errors, s.Cost.LastErr)
		}
		if len(s.Procs) == 0 {
			fmt.Printf("tick %d: no processes\n", s.Tick)
			r.errors++
		}
	}
	fmt.Printf("report %d %d %d %d %g\n", r.ticks, r.errors, r.maxHeap, r.maxFDs, r.maxCPU)
	return 0
}

// childCommand is the test binary re-executed as the helper what.
func childCommand(what string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+what)
	return cmd
}
