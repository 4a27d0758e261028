package procfs

import (
	"strings"
	"testing"
)

// mkTTYNr encodes a device number the way stat's tty_nr holds it.
func mkTTYNr(major, minor uint32) uint32 {
	return minor&0xff | major<<8 | (minor&^0xff)<<12
}

func TestTTYName(t *testing.T) {
	tests := []struct {
		major, minor uint32
		want         string
	}{
		{136, 0, "pts/0"},
		{136, 3, "pts/3"},
		{136, 300, "pts/300"}, // minor above 255: the high bits of tty_nr
		{137, 4, "pts/260"},
		{4, 1, "tty1"},
		{4, 63, "tty63"},
		{4, 64, "ttyS0"},
		{4, 65, "ttyS1"},
		{5, 0, "tty"},
		{5, 1, "console"},
		{5, 2, "ptmx"},
		{3, 0, "ttyp0"},
		{3, 0x1f, "ttyqf"},
		{2, 0xf0, "ptye0"},
		{188, 0, "ttyUSB0"},
		{166, 2, "ttyACM2"},
		{204, 64, "ttyAMA0"},
		{229, 0, "hvc0"},
		{5, 3, "5:3"},
		{250, 70000, "250:70000"},
	}
	for _, tt := range tests {
		nr := mkTTYNr(tt.major, tt.minor)
		if got := TTYName(nr); got != tt.want {
			t.Errorf("TTYName(%d:%d = %#x) = %q, want %q", tt.major, tt.minor, nr, got, tt.want)
		}
		if major, minor := TTYDev(nr); major != tt.major || minor != tt.minor {
			t.Errorf("TTYDev(%#x) = %d:%d, want %d:%d", nr, major, minor, tt.major, tt.minor)
		}
	}
	if got := TTYName(0); got != "" {
		t.Errorf("TTYName(0) = %q, want \"\"", got)
	}
}

func TestTTYNameStat(t *testing.T) {
	var s Stat
	if err := ParseStat(hostile(t, "stat", "comm-paren"), &s); err != nil {
		t.Fatal(err)
	}
	if got := TTYName(s.TTYNr); got != "pts/0" {
		t.Errorf("tty_nr %d: got %q, want pts/0", s.TTYNr, got)
	}
}

func FuzzTTYName(f *testing.F) {
	for _, nr := range []uint32{0, 34816, 0x0401, 0x0440, 0x0501, 0x0300, 0xffffffff, mkTTYNr(136, 1<<20-1)} {
		f.Add(nr)
	}
	f.Fuzz(func(t *testing.T, nr uint32) {
		name := TTYName(nr)
		if (name == "") != (nr == 0) || len(name) > 20 || strings.ContainsAny(name, " \x00\n") {
			t.Fatalf("TTYName(%#x) = %q", nr, name)
		}
	})
}
