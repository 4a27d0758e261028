package collect

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// The kept descriptors leave 1,024 of the limit free, the room of fdReserve,
// whatever the limit: none below it, and at most maxKeptFDs.
func TestKeptBudgetLeavesReserve(t *testing.T) {
	for _, c := range []struct {
		limit uint64
		want  int
	}{
		{20000, 18976}, // the hard limit of the machines this was built on
		{4096, 3072},
		{1025, 1},
		{1024, 0},
		{64, 0},
		{20, 0},
		{0, 0},
		{1 << 40, 1 << 20},
	} {
		if got := keptBudget(c.limit); got != c.want {
			t.Errorf("keptBudget(%d) = %d, want %d", c.limit, got, c.want)
		}
	}
}

// fdLimitEnv gives the re-executed test binary the open-file limit it lowers
// itself to.
const fdLimitEnv = "PIDTOP_FD_LIMIT"

// Under a lowered RLIMIT_NOFILE and more processes than the budget, the
// collector keeps on /proc/PID files exactly its budget, the limit less
// fdReserve, with statm read for every process and a first pass split
// between two readers. The limit is lowered in a re-executed test binary,
// never in this one.
func TestKeptDescriptorsLeaveReserve(t *testing.T) {
	const budget = 256
	if v := os.Getenv(fdLimitEnv); v != "" {
		limit, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		collectUnder(t, limit)
		return
	}
	if testing.Short() {
		t.Skip("starts hundreds of processes")
	}
	for range budget + 64 { // more processes than the budget, whatever else runs
		c := exec.Command("sleep", "600")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Process.Kill(); c.Wait() })
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKeptDescriptorsLeaveReserve$", "-test.v")
	cmd.Env = append(os.Environ(), fdLimitEnv+"="+strconv.Itoa(fdReserve+budget))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("child:\n%s", out)
}

// collectUnder is TestKeptDescriptorsLeaveReserve's child: it lowers its own
// open-file limit to limit and collects three ticks through the production
// source, counting after each the descriptors it holds on /proc/PID files.
func collectUnder(t *testing.T, limit uint64) {
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &unix.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Needs: NeedShr | NeedCmdline})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := c.src.(*linuxSource)
	budget, most := keptBudget(limit), 0
	for tick := 1; tick <= 3; tick++ {
		s := c.Collect()
		if len(s.Procs) <= budget/2 || s.Cost.Errors != 0 {
			t.Fatalf("tick %d: %d processes read, %d errors (%s)", tick, len(s.Procs), s.Cost.Errors, s.Cost.LastErr)
		}
		open, onProc := openFDs(t)
		kept := src.r.Stats().KeptFDs
		t.Logf("tick %d: %d processes; %d descriptors on /proc/PID files (budget %d), %d open, %d free of %d",
			tick, len(s.Procs), onProc, budget, open, int(limit)-open, limit)
		if kept != onProc || onProc > budget || onProc > int(limit)-fdReserve {
			t.Errorf("tick %d: %d descriptors on /proc/PID files, the reader counts %d, budget %d under a limit of %d",
				tick, onProc, kept, budget, limit)
		}
		most = max(most, onProc)
	}
	// More processes than the budget: it is spent, less what exited since
	// the sweep of a tick closed their descriptors.
	if most < budget*3/4 {
		t.Errorf("at most %d descriptors kept of a budget of %d", most, budget)
	}
}

// procFile matches what a descriptor kept on a /proc/PID file links to.
var procFile = regexp.MustCompile(`^/proc/[0-9]+/(stat|statm|schedstat)$`)

// openFDs counts this process's open descriptors (less the one that lists
// them) and those of them open on a /proc/PID file.
func openFDs(t *testing.T) (open, onProc int) {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if l, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && procFile.MatchString(l) {
			onProc++
		}
	}
	return len(ents) - 1, onProc
}
