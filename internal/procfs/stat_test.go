package procfs

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseStatHostile(t *testing.T) {
	kworker := "kworker/u16:3-events_power_efficient_flush_highpri_reclaimxx"
	tests := []struct {
		file     string
		pid      int32
		comm     string
		state    byte
		kthread  bool
		vsize    uint64
		rss      int64
		cpu      int32 // Processor, field 39
		wantFail bool
	}{
		{file: "comm-paren", pid: 4242, comm: "a) (b", state: 'S', vsize: 2252800, rss: 256, cpu: 1},
		{file: "comm-spaces", pid: 4242, comm: "my prog  x", state: 'S', vsize: 2252800, rss: 256, cpu: 1},
		{file: "comm-15", pid: 4242, comm: "abcdefghijklmno", state: 'S', vsize: 2252800, rss: 256, cpu: 1},
		{file: "kworker-60", pid: 77, comm: kworker, state: 'I', kthread: true, cpu: 1},
		{file: "comm-70", pid: 4242, comm: strings.Repeat("y", CommMax), state: 'S', vsize: 2252800, rss: 256, cpu: 1},
		{file: "nonutf8", pid: 4242, comm: "\xff\xfe(\xc3", state: 'S', vsize: 2252800, rss: 256, cpu: 1},
		{file: "control", pid: 4242, comm: "\x1b[2J\x07", state: 'S', vsize: 2252800, rss: 256, cpu: 1},
		{file: "zombie", pid: 4242, comm: "defunct", state: 'Z', cpu: 1},
		{file: "old-short", pid: 4242, comm: "old", state: 'S', vsize: 2252800, rss: 256, cpu: 0},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "no-paren", wantFail: true},
		{file: "negative-pid", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var s Stat
			err := ParseStat(hostile(t, "stat", tt.file), &s)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if s.PID != tt.pid || string(s.Comm()) != tt.comm || s.State != tt.state ||
				s.IsKernelThread() != tt.kthread || s.VSize != tt.vsize || s.RSS != tt.rss || s.Processor != tt.cpu {
				t.Errorf("got pid %d comm %q state %c kthread %v vsize %d rss %d cpu %d", s.PID, s.Comm(),
					s.State, s.IsKernelThread(), s.VSize, s.RSS, s.Processor)
			}
		})
	}
}

func TestParseStatFields(t *testing.T) {
	var s Stat
	if err := ParseStat(hostile(t, "stat", "comm-spaces"), &s); err != nil {
		t.Fatal(err)
	}
	want := Stat{PID: 4242, State: 'S', PPID: 1, PGRP: 4242, Session: 4242, TTYNr: 34816, TPGID: 4242,
		Flags: 4194560, MinFlt: 95, MajFlt: 3, UTime: 17, STime: 9, CUTime: -1, CSTime: -2, Priority: 20,
		NumThreads: 1, StartTime: 1000, VSize: 2252800, RSS: 256, Processor: 1}
	want.comm, want.commLen = s.comm, s.commLen
	if s != want {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
}

func TestParseStatLive(t *testing.T) {
	for path, b := range liveFixtures(t, "stat") {
		var s Stat
		if err := ParseStat(b, &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if strconv.Itoa(int(s.PID)) != pidOfPath(path) {
			t.Errorf("%s: pid %d", path, s.PID)
		}
		if len(s.Comm()) == 0 || s.StartTime == 0 || s.NumThreads < 1 {
			t.Errorf("%s: comm %q start %d threads %d", path, s.Comm(), s.StartTime, s.NumThreads)
		}
	}
	roles := liveRoles(t)
	stat := func(role string) Stat {
		var s Stat
		if err := ParseStat(readFixture(t, roles[role]+"/stat"), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	self := stat("self")
	for _, tt := range []struct {
		role    string
		ppid    int32
		kthread bool
		state   byte // 0: any
	}{
		{"init", 0, false, 0},
		{"kthreadd", 0, true, 0},
		{"kworker", 2, true, 0},
		{"sleeper", self.PID, false, 'S'},
		{"zombie", self.PID, false, 'Z'},
	} {
		s := stat(tt.role)
		if s.PPID != tt.ppid || s.IsKernelThread() != tt.kthread || tt.state != 0 && s.State != tt.state {
			t.Errorf("%s: ppid %d kthread %v state %c", tt.role, s.PPID, s.IsKernelThread(), s.State)
		}
		if tt.kthread && (s.VSize != 0 || s.RSS != 0) {
			t.Errorf("%s: kernel thread with vsize %d rss %d", tt.role, s.VSize, s.RSS)
		}
	}
	if kw := stat("kworker"); len(kw.Comm()) <= 15 {
		t.Errorf("kworker comm %q: want the long workqueue name", kw.Comm())
	}
}

func TestParseStatAllocs(t *testing.T) {
	b := readFixture(t, liveRoles(t)["self"]+"/stat")
	var s Stat
	noAllocs(t, "ParseStat", func() { _ = ParseStat(b, &s) })
}

func BenchmarkParseStat(b *testing.B) {
	in := readFixture(b, liveRoles(b)["self"]+"/stat")
	var s Stat
	benchParse(b, in, func(in []byte) error { return ParseStat(in, &s) })
}

func FuzzParseStat(f *testing.F) {
	seedFuzz(f, "stat")
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Stat
		if err := ParseStat(b, &s); err != nil {
			fuzzErr(t, err)
			return
		}
		if s.PID < 0 || len(s.Comm()) > len(b) || len(s.Comm()) > CommMax {
			t.Fatalf("pid %d, comm of %d bytes from %d bytes of input", s.PID, len(s.Comm()), len(b))
		}
	})
}
