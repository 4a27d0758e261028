package procfs

import "testing"

// statusAllMem is every memory bit of StatusField.
const statusAllMem = StatusVmPeak | StatusVmSize | StatusVmLck | StatusVmHWM | StatusVmRSS | StatusRssAnon |
	StatusRssFile | StatusRssShmem | StatusVmData | StatusVmStk | StatusVmExe | StatusVmLib | StatusVmSwap

func TestParseStatusNormal(t *testing.T) {
	var s Status
	if err := ParseStatus(hostile(t, "status", "normal"), &s); err != nil {
		t.Fatal(err)
	}
	want := Status{Name: "sleep", State: 'S', Tgid: 4242, Pid: 4243, PPid: 1,
		Uid: [4]uint32{1000, 1001, 1002, 1003}, Gid: [4]uint32{100, 101, 102, 103},
		VmPeak: 9012 << 10, VmSize: 9008 << 10, VmLck: 4 << 10, VmHWM: 1900 << 10, VmRSS: 1800 << 10,
		RssAnon: 100 << 10, RssFile: 1600 << 10, RssShmem: 100 << 10, VmData: 360 << 10, VmStk: 132 << 10,
		VmExe: 20 << 10, VmLib: 1528 << 10, VmSwap: 8 << 10, Threads: 3,
		VoluntaryCtxtSwitches: 150, NonvoluntaryCtxtSwitches: 7, Known: statusAllMem | StatusCtxtSwitches}
	if s != want {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
}

func TestParseStatusHostile(t *testing.T) {
	tests := []struct {
		file     string
		name     string
		state    byte
		tracer   int32
		known    StatusField
		wantFail bool
	}{
		{file: "escaped-name", name: "a\nb\\c", state: 'S', known: statusAllMem | StatusCtxtSwitches},
		{file: "control-name", name: "\x1b[2J\xff", state: 'S', known: statusAllMem | StatusCtxtSwitches},
		{file: "name-colon", name: "x: y", state: 'S', known: statusAllMem | StatusCtxtSwitches},
		{file: "kthread", name: "kworker/u8:1-ext4-rsv-conversion", state: 'I', known: StatusCtxtSwitches},
		{file: "zombie", name: "defunct", state: 'Z', known: StatusCtxtSwitches},
		{file: "old-kernel", name: "old", state: 'S',
			known: statusAllMem&^(StatusRssAnon|StatusRssFile|StatusRssShmem) | StatusCtxtSwitches},
		{file: "traced", name: "gdbee", state: 't', tracer: 999, known: statusAllMem | StatusCtxtSwitches},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "bad-vm", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := Status{Name: "stale", VmRSS: 1, Known: StatusVmRSS}
			err := ParseStatus(hostile(t, "status", tt.file), &s)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if s.Name != tt.name || s.State != tt.state || s.TracerPid != tt.tracer || s.Known != tt.known {
				t.Errorf("got name %q state %c tracer %d known %#x", s.Name, s.State, s.TracerPid, s.Known)
			}
			if !s.Has(StatusVmRSS) && s.VmRSS != 0 {
				t.Errorf("VmRSS %d kept from an earlier parse", s.VmRSS)
			}
		})
	}
}

func TestParseStatusLive(t *testing.T) {
	for path, b := range liveFixtures(t, "status") {
		var s Status
		var st Stat
		if err := ParseStatus(b, &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := ParseStat(sibling(t, path, "stat"), &st); err != nil {
			t.Fatal(err)
		}
		if s.Pid != st.PID || s.Tgid != st.PID || s.PPid != st.PPID || s.Name != string(st.Comm()) {
			t.Errorf("%s: status pid %d tgid %d ppid %d name %q; stat pid %d ppid %d comm %q",
				path, s.Pid, s.Tgid, s.PPid, s.Name, st.PID, st.PPID, st.Comm())
		}
		if st.IsKernelThread() || st.State == 'Z' {
			if s.Known&statusAllMem != 0 {
				t.Errorf("%s: no mm, yet memory fields %#x", path, s.Known)
			}
			continue
		}
		if !s.Has(StatusVmRSS|StatusRssAnon|StatusRssFile|StatusRssShmem) ||
			s.VmRSS != s.RssAnon+s.RssFile+s.RssShmem || s.VmSize == 0 || s.VmHWM < s.VmRSS {
			t.Errorf("%s: known %#x rss %d = %d+%d+%d, size %d, hwm %d", path, s.Known,
				s.VmRSS, s.RssAnon, s.RssFile, s.RssShmem, s.VmSize, s.VmHWM)
		}
	}
}

func TestParseStatusAllocs(t *testing.T) {
	b := readFixture(t, liveRoles(t)["self"]+"/status")
	var s Status
	_ = ParseStatus(b, &s) // the first parse allocates the Name
	noAllocs(t, "ParseStatus with an unchanged name", func() { _ = ParseStatus(b, &s) })
}

func BenchmarkParseStatus(b *testing.B) {
	in := readFixture(b, liveRoles(b)["self"]+"/status")
	var s Status
	benchParse(b, in, func(in []byte) error { return ParseStatus(in, &s) })
}

func FuzzParseStatus(f *testing.F) {
	seedFuzz(f, "status")
	f.Fuzz(func(t *testing.T, b []byte) {
		var fresh Status
		reused := Status{Name: "old", VmSwap: 5, Known: StatusVmSwap}
		err1, err2 := ParseStatus(b, &fresh), ParseStatus(b, &reused)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("a reused Status parses differently: %v vs %v", err1, err2)
		}
		if err1 != nil {
			fuzzErr(t, err1)
			return
		}
		if fresh != reused {
			t.Fatalf("a reused Status parses differently:\n%+v\n%+v", fresh, reused)
		}
		if len(fresh.Name) > len(b) || fresh.Known&^(statusAllMem|StatusCtxtSwitches) != 0 {
			t.Fatalf("name of %d bytes from %d; known %#x", len(fresh.Name), len(b), fresh.Known)
		}
	})
}
