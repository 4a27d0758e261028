package procfs

import "testing"

func TestParseStatmHostile(t *testing.T) {
	tests := []struct {
		file     string
		want     Statm
		wantFail bool
	}{
		{file: "normal", want: Statm{Size: 550, Resident: 64, Shared: 48, Text: 5, Data: 39}},
		{file: "zombie", want: Statm{}},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "garbage", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := Statm{Size: 1, Data: 1} // stale values must be overwritten
			err := ParseStatm(hostile(t, "statm", tt.file), &m)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if m != tt.want {
				t.Errorf("got %+v, %v; want %+v", m, err, tt.want)
			}
		})
	}
}

func TestParseStatmLive(t *testing.T) {
	for path, b := range liveFixtures(t, "statm") {
		var m Statm
		if err := ParseStatm(b, &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if m.Resident > m.Size || m.Shared > m.Resident {
			t.Errorf("%s: %+v: resident above size or shared above resident", path, m)
		}
	}
	roles := liveRoles(t)
	for _, role := range []string{"kthreadd", "kworker", "zombie"} {
		var m Statm
		if err := ParseStatm(readFixture(t, roles[role]+"/statm"), &m); err != nil || m != (Statm{}) {
			t.Errorf("%s: got %+v, %v; want all zeros (no mm)", role, m, err)
		}
	}
	// The sleeper does not change its mappings: statm's Size in pages and status's
	// VmSize in bytes must agree, and their ratio is the fixture machine's page size.
	var m Statm
	var st Status
	if ParseStatm(readFixture(t, roles["sleeper"]+"/statm"), &m) != nil ||
		ParseStatus(readFixture(t, roles["sleeper"]+"/status"), &st) != nil || m.Size == 0 {
		t.Fatal("sleeper's statm or status does not parse")
	}
	if page := st.VmSize / m.Size; st.VmSize%m.Size != 0 || page < 4096 || page&(page-1) != 0 {
		t.Errorf("VmSize %d bytes / Size %d pages is no page size", st.VmSize, m.Size)
	}
}

func TestParseStatmAllocs(t *testing.T) {
	b := readFixture(t, liveRoles(t)["self"]+"/statm")
	var m Statm
	noAllocs(t, "ParseStatm", func() { _ = ParseStatm(b, &m) })
}

func BenchmarkParseStatm(b *testing.B) {
	in := readFixture(b, liveRoles(b)["self"]+"/statm")
	var m Statm
	benchParse(b, in, func(in []byte) error { return ParseStatm(in, &m) })
}

func FuzzParseStatm(f *testing.F) {
	seedFuzz(f, "statm")
	f.Fuzz(func(t *testing.T, b []byte) {
		var m1 Statm
		m2 := Statm{Size: 7, Resident: 7, Shared: 7, Text: 7, Data: 7}
		err1, err2 := ParseStatm(b, &m1), ParseStatm(b, &m2)
		if (err1 == nil) != (err2 == nil) || err1 == nil && m1 != m2 {
			t.Fatalf("a reused Statm parses differently: %+v %v vs %+v %v", m1, err1, m2, err2)
		}
		fuzzErr(t, err1)
	})
}
