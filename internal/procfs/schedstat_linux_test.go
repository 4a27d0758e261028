package procfs

import (
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// TestReadSchedstatSelf reads our own thread's file (/proc/TID resolves though
// it is not listed) through a Reader, twice on the kept descriptor: the kernel
// counts the CPU time we spend in between.
func TestReadSchedstatSelf(t *testing.T) {
	r, err := NewReader(ReaderConfig{FDBudget: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	runtime.LockOSThread() // schedstat counts one thread: this one
	defer runtime.UnlockOSThread()
	pid := int32(unix.Gettid())
	var a, b Schedstat
	if _, err := r.ReadSchedstat(pid, &a); err != nil {
		t.Skipf("no schedstat here: %v", err)
	}
	if !a.Counting {
		t.Skip("this kernel keeps no scheduler counters")
	}
	if got := r.Stats().KeptFDs; got != 1 {
		t.Fatalf("kept %d descriptors after one read, want 1", got)
	}
	x := 0
	for i := range 20_000_000 {
		x += i % 7
	}
	same, err := r.ReadSchedstat(pid, &b)
	if err != nil {
		t.Fatal(err)
	}
	if !same {
		t.Error("the second read did not report the kept descriptor")
	}
	if b.Runtime <= a.Runtime {
		t.Errorf("run time did not grow over a busy loop (%d): %d then %d", x, a.Runtime, b.Runtime)
	}
	if r.Stats().Opens != 1 {
		t.Errorf("%d opens for two reads, want 1 (the descriptor is kept)", r.Stats().Opens)
	}
}

// TestSchedstatTakesStatSlot checks the budget rule: with the budget spent, a
// process's schedstat descriptor replaces its own kept stat descriptor.
func TestSchedstatTakesStatSlot(t *testing.T) {
	r, err := NewReader(ReaderConfig{FDBudget: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pid := int32(unix.Getpid())
	var st Stat
	if err := r.ReadStat(pid, &st); err != nil {
		t.Fatal(err)
	}
	var s Schedstat
	same, err := r.ReadSchedstat(pid, &s)
	if err != nil {
		t.Skipf("no schedstat here: %v", err)
	}
	if same {
		t.Error("a first read reported a kept descriptor")
	}
	k := r.kept[pid]
	if r.Stats().KeptFDs != 1 || k == nil || k.fd[keptStat] >= 0 || k.fd[keptSchedstat] < 0 {
		t.Fatalf("kept %d descriptors, %+v; want schedstat's alone", r.Stats().KeptFDs, k)
	}
	if same, err = r.ReadSchedstat(pid, &s); err != nil || !same {
		t.Errorf("second read: same=%v, %v; want the kept descriptor", same, err)
	}
}
