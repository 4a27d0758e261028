package procfs

import "testing"

func TestParseMeminfo(t *testing.T) {
	normal := Meminfo{MemTotal: 24684092 << 10, MemFree: 24523276 << 10, MemAvailable: 24438144 << 10,
		Buffers: 1160 << 10, Cached: 46860 << 10, SwapTotal: 1048572 << 10, SwapFree: 1048000 << 10,
		Shmem: 8856 << 10, SReclaimable: 27564 << 10, HugePagesTotal: 4, Hugepagesize: 2048 << 10,
		HasMemAvailable: true}
	old := normal
	old.MemAvailable, old.HasMemAvailable = 0, false
	tests := []struct {
		file     string
		want     Meminfo
		wantFail bool
	}{
		{file: "normal", want: normal},
		{file: "linux-3.13", want: old},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "overflow", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := Meminfo{MemAvailable: 1, HasMemAvailable: true, Dirty: 1} // stale
			err := ParseMeminfo(hostile(t, "meminfo", tt.file), &m)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if m != tt.want {
				t.Errorf("got  %+v, %v\nwant %+v", m, err, tt.want)
			}
		})
	}
}

func TestParseMeminfoLive(t *testing.T) {
	var m Meminfo
	if err := ParseMeminfo(readFixture(t, "live/meminfo"), &m); err != nil {
		t.Fatal(err)
	}
	if m.MemTotal == 0 || m.MemFree > m.MemTotal || !m.HasMemAvailable || m.MemAvailable > m.MemTotal ||
		m.SwapFree > m.SwapTotal || m.Slab != m.SReclaimable+m.SUnreclaim || m.Hugepagesize == 0 {
		t.Errorf("implausible: %+v", m)
	}
}

func TestParseMeminfoAllocs(t *testing.T) {
	b := readFixture(t, "live/meminfo")
	var m Meminfo
	noAllocs(t, "ParseMeminfo", func() { _ = ParseMeminfo(b, &m) })
}

func FuzzParseMeminfo(f *testing.F) {
	seedFuzz(f, "meminfo")
	f.Fuzz(func(t *testing.T, b []byte) {
		var fresh Meminfo
		reused := Meminfo{MemTotal: 1, HasZswap: true, HasMemAvailable: true}
		err1, err2 := ParseMeminfo(b, &fresh), ParseMeminfo(b, &reused)
		if (err1 == nil) != (err2 == nil) || err1 == nil && fresh != reused {
			t.Fatalf("a reused Meminfo parses differently: %v %v", err1, err2)
		}
		fuzzErr(t, err1)
		if !fresh.HasMemAvailable && fresh.MemAvailable != 0 {
			t.Fatalf("MemAvailable %d without the line", fresh.MemAvailable)
		}
	})
}
