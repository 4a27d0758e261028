package procfs

import (
	"slices"
	"testing"
)

func TestParseSysStat(t *testing.T) {
	rest := SysStat{BootTime: 1795307063, CtxSwitches: 350326, Processes: 7928, ProcsRunning: 3, ProcsBlocked: 1}
	with := func(total CPUStat, cpus ...CPUStat) SysStat {
		s := rest
		s.Total, s.CPUs = total, cpus
		return s
	}
	tests := []struct {
		file     string
		want     SysStat
		wantFail bool
	}{
		{file: "normal", want: with(CPUStat{5201, 3, 2026, 43226, 95, 1, 24, 11, 2, 1},
			CPUStat{2494, 1, 962, 21802, 13, 0, 4, 5, 1, 0}, CPUStat{2707, 2, 1064, 21424, 82, 1, 20, 6, 1, 1})},
		{file: "linux-2.6.0", want: with(CPUStat{100, 2, 30, 4000, 5, 6, 7, 0, 0, 0},
			CPUStat{100, 2, 30, 4000, 5, 6, 7, 0, 0, 0})},
		{file: "linux-2.4", want: with(CPUStat{User: 100, Nice: 2, System: 30, Idle: 4000},
			CPUStat{User: 60, Nice: 1, System: 20, Idle: 2000}, CPUStat{User: 40, Nice: 1, System: 10, Idle: 2000})},
		{file: "offline-cpu", want: with(CPUStat{100, 2, 30, 4000, 5, 6, 7, 8, 0, 0},
			CPUStat{50, 1, 15, 2000, 2, 3, 3, 4, 0, 0}, CPUStat{}, CPUStat{50, 1, 15, 2000, 3, 3, 4, 4, 0, 0})},
		{file: "future-columns", want: with(CPUStat{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, CPUStat{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "three-columns", wantFail: true},
		{file: "huge-cpu", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			// A reused SysStat with stale CPUs in its capacity.
			s := SysStat{CPUs: make([]CPUStat, 4, 8), BootTime: 1}
			for i := range s.CPUs {
				s.CPUs[i].User = 99
			}
			err := ParseSysStat(hostile(t, "sysstat", tt.file), &s)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if !sysStatEqual(s, tt.want) {
				t.Errorf("got  %+v, %v\nwant %+v", s, err, tt.want)
			}
		})
	}
}

func sysStatEqual(a, b SysStat) bool {
	type scalars struct {
		total                        CPUStat
		boot, ctxt, procs, run, blkd uint64
	}
	of := func(s SysStat) scalars {
		return scalars{s.Total, s.BootTime, s.CtxSwitches, s.Processes, s.ProcsRunning, s.ProcsBlocked}
	}
	return of(a) == of(b) && slices.Equal(a.CPUs, b.CPUs)
}

func TestParseSysStatLive(t *testing.T) {
	var s SysStat
	if err := ParseSysStat(readFixture(t, "live/stat"), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.CPUs) == 0 || s.BootTime < 1e9 || s.Processes == 0 || s.CtxSwitches == 0 || s.Total.Idle == 0 {
		t.Errorf("implausible: %+v", s)
	}
	for i, c := range s.CPUs {
		if c.User > s.Total.User || c.System > s.Total.System || c.Idle > s.Total.Idle {
			t.Errorf("cpu%d %+v exceeds the total %+v", i, c, s.Total)
		}
	}
}

func TestParseSysStatAllocs(t *testing.T) {
	b := readFixture(t, "live/stat")
	var s SysStat
	_ = ParseSysStat(b, &s) // the first parse sizes s.CPUs
	noAllocs(t, "ParseSysStat", func() { _ = ParseSysStat(b, &s) })
}

func BenchmarkParseSysStat(b *testing.B) {
	in := readFixture(b, "live/stat")
	var s SysStat
	benchParse(b, in, func(in []byte) error { return ParseSysStat(in, &s) })
}

func FuzzParseSysStat(f *testing.F) {
	seedFuzz(f, "sysstat")
	f.Fuzz(func(t *testing.T, b []byte) {
		var fresh SysStat
		reused := SysStat{CPUs: []CPUStat{{User: 1}, {Idle: 2}}, Processes: 3}
		err1, err2 := ParseSysStat(b, &fresh), ParseSysStat(b, &reused)
		if (err1 == nil) != (err2 == nil) || err1 == nil && !sysStatEqual(fresh, reused) {
			t.Fatalf("a reused SysStat parses differently: %v %v", err1, err2)
		}
		fuzzErr(t, err1)
		if len(fresh.CPUs) > maxCPUs {
			t.Fatalf("%d CPUs", len(fresh.CPUs))
		}
	})
}
