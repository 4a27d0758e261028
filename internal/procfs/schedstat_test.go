package procfs

import "testing"

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
