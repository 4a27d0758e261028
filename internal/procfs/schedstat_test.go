package procfs

import (
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

func TestParseSchedstatHostile(t *testing.T) {
	tests := []struct {
		file     string
		want     Schedstat
		wantFail bool
	}{
		{file: "normal", want: Schedstat{Runtime: 1405233, Waited: 26800, Slices: 2, Counting: true}},
		{file: "off", want: Schedstat{}}, // a kernel without CONFIG_SCHED_INFO
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "extra", wantFail: true},
		{file: "garbage", wantFail: true},
		{file: "overflow", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := Schedstat{Runtime: 1, Slices: 1, Counting: true} // stale values must be overwritten
			err := ParseSchedstat(hostile(t, "schedstat", tt.file), &s)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if s != tt.want {
				t.Errorf("got %+v; want %+v", s, tt.want)
			}
		})
	}
}

// TestParseSchedstatLive checks the copied files against their stat siblings:
// the main thread's run time cannot exceed the process's CPU time by more than
// the clock tick stat rounds to (single-threaded fixtures only, since stat sums
// the threads and schedstat does not).
func TestParseSchedstatLive(t *testing.T) {
	hz := float64(ClockTicks())
	for path, b := range liveFixtures(t, "schedstat") {
		var s Schedstat
		if err := ParseSchedstat(b, &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !s.Counting {
			t.Errorf("%s: %q: no counters on the fixture machine", path, b)
		}
		var st Stat
		if err := ParseStat(sibling(t, path, "stat"), &st); err != nil {
			t.Fatal(err)
		}
		if st.NumThreads != 1 {
			continue
		}
		cpu := float64(st.UTime+st.STime) / hz * 1e9
		if run := float64(s.Runtime); run > cpu+2e9/hz || run < cpu-2e9/hz {
			t.Errorf("%s: schedstat run time %v ns, stat utime+stime %v ns", path, run, cpu)
		}
	}
}

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

func TestParseSchedstatAllocs(t *testing.T) {
	b := readFixture(t, liveRoles(t)["self"]+"/schedstat")
	var s Schedstat
	noAllocs(t, "ParseSchedstat", func() { _ = ParseSchedstat(b, &s) })
}

func BenchmarkParseSchedstat(b *testing.B) {
	in := readFixture(b, liveRoles(b)["self"]+"/schedstat")
	var s Schedstat
	benchParse(b, in, func(in []byte) error { return ParseSchedstat(in, &s) })
}

func FuzzParseSchedstat(f *testing.F) {
	seedFuzz(f, "schedstat")
	f.Fuzz(func(t *testing.T, b []byte) {
		var s1 Schedstat
		s2 := Schedstat{Runtime: 7, Waited: 7, Slices: 7, Counting: true}
		err1, err2 := ParseSchedstat(b, &s1), ParseSchedstat(b, &s2)
		if (err1 == nil) != (err2 == nil) || err1 == nil && s1 != s2 {
			t.Fatalf("a reused Schedstat parses differently: %+v %v vs %+v %v", s1, err1, s2, err2)
		}
		fuzzErr(t, err1)
	})
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
