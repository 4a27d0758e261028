package winproc

import (
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

func TestPriorityMapping(t *testing.T) {
	for _, c := range Classes() {
		if got := ClassForNice(c.Nice()); got != c {
			t.Errorf("%s: nice %d selects %s", c, c.Nice(), got)
		}
		r, _ := c.row()
		if got := ClassForBasePriority(r.base); got != c {
			t.Errorf("%s: base priority %d reads as %s", c, r.base, got)
		}
	}
	cases := []struct {
		nice int
		want PriorityClass
	}{
		{-20, ClassRealtime}, {-16, ClassRealtime}, {-15, ClassHigh}, {-6, ClassHigh},
		{-5, ClassAboveNormal}, {-1, ClassAboveNormal}, {0, ClassNormal}, {1, ClassBelowNormal},
		{10, ClassBelowNormal}, {11, ClassIdle}, {19, ClassIdle}, {40, ClassIdle}, {-99, ClassRealtime},
	}
	for _, c := range cases {
		if got := ClassForNice(c.nice); got != c.want {
			t.Errorf("nice %d selects %s, want %s", c.nice, got, c.want)
		}
	}
	if s := PriorityClass(0x1234).String(); s != "unknown" {
		t.Errorf("unknown class named %q", s)
	}
	if ClassBelowNormal.String() != "below normal" || ClassIdle.Nice() != 19 {
		t.Errorf("below normal named %q, idle nice %d", ClassBelowNormal, ClassIdle.Nice())
	}
}

func TestDecodeCPUs(t *testing.T) {
	var b []byte
	for i := range uint64(2) {
		for _, v := range []uint64{1000 + i, 5000, 700, 30, 20} {
			b = binary.LittleEndian.AppendUint64(b, v)
		}
		b = binary.LittleEndian.AppendUint32(b, 99) // InterruptCount
		b = binary.LittleEndian.AppendUint32(b, 0)  // padding to 48
	}
	cpus, err := DecodeCPUs(b, nil)
	if err != nil || len(cpus) != 2 {
		t.Fatalf("%d cpus, err %v", len(cpus), err)
	}
	want := CPUTimes{Idle: 1001, Kernel: 5000, User: 700, DPC: 30, Interrupt: 20}
	if cpus[1] != want || cpus[1].System() != 5000-1001-30-20 {
		t.Errorf("cpu 1 %+v system %d, want %+v", cpus[1], cpus[1].System(), want)
	}
	if s := (CPUTimes{Idle: 10, Kernel: 5}).System(); s != 0 {
		t.Errorf("kernel below idle gives system %d, want 0", s)
	}
	if _, err := DecodeCPUs(b[:47], nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("47 bytes: err %v, want ErrMalformed", err)
	}
}

func TestArgv0Len(t *testing.T) {
	cases := []struct {
		cmd  string
		want int
	}{
		{"", 0},
		{"notepad.exe", 11},
		{"notepad.exe a.txt", 11},
		{"cmd\t/c", 3},
		{`"C:\Program Files\x.exe" -v`, 24},
		{`"C:\unterminated`, 16},
		{`C:\a"b c`, 6},
	}
	for _, c := range cases {
		if got := Argv0Len(c.cmd); got != c.want {
			t.Errorf("Argv0Len(%q) = %d, want %d", c.cmd, got, c.want)
		}
	}
}

func TestUnits(t *testing.T) {
	if got := FiletimeToTime(116444736000000000); !got.Equal(time.Unix(0, 0)) {
		t.Errorf("the Unix epoch as FILETIME is %v", got)
	}
	want := time.Date(2024, 1, 1, 0, 0, 0, 1500, time.UTC)
	if got := FiletimeToTime(133485408000000015); !got.Equal(want) {
		t.Errorf("2024-01-01 +1.5µs as FILETIME is %v", got.UTC())
	}
	if !FiletimeToTime(0).IsZero() {
		t.Error("FILETIME 0 is not the zero time")
	}
	if d := Duration100ns(15_000_000); d != 1500*time.Millisecond {
		t.Errorf("15e6 100-ns units are %v", d)
	}
}

func TestDecodeUTF16(t *testing.T) {
	cases := []struct {
		in   []byte
		want string
	}{
		{nil, ""},
		{utf16le("a€𝄞"), "a€𝄞"},
		{[]byte{0x00, 0xd8, 'x', 0}, "\ufffdx"}, // unpaired high surrogate
		{append(utf16le("ab"), 'c'), "ab"},      // odd final byte ignored
	}
	for _, c := range cases {
		if got := DecodeUTF16(c.in); got != c.want {
			t.Errorf("DecodeUTF16(% x) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSwapEstimate(t *testing.T) {
	const gib = 1 << 30
	cases := []struct {
		name        string
		m           MemoryStatus
		total, used uint64
	}{
		{"no paging file", MemoryStatus{TotalPhys: 8 * gib, AvailPhys: 2 * gib, TotalPageFile: 8 * gib, AvailPageFile: 1 * gib}, 0, 0},
		{"commit within RAM", MemoryStatus{TotalPhys: 8 * gib, AvailPhys: 2 * gib, TotalPageFile: 12 * gib, AvailPageFile: 7 * gib}, 4 * gib, 0},
		{"commit beyond RAM", MemoryStatus{TotalPhys: 8 * gib, AvailPhys: 1 * gib, TotalPageFile: 12 * gib, AvailPageFile: 2 * gib}, 4 * gib, 3 * gib},
		{"clamped to total", MemoryStatus{TotalPhys: 8 * gib, AvailPhys: 8 * gib, TotalPageFile: 10 * gib, AvailPageFile: 0}, 2 * gib, 2 * gib},
	}
	for _, c := range cases {
		if total, used := c.m.SwapEstimate(); total != c.total || used != c.used {
			t.Errorf("%s: total %d used %d, want %d %d", c.name, total, used, c.total, c.used)
		}
	}
}
