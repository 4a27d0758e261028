package procfs

import (
	"strings"
	"testing"
)

func TestParseMaps(t *testing.T) {
	got := ParseMaps(readFixture(t, "copied/maps/python"))
	found := false
	for _, m := range got {
		if m.Inode == 0 || m.Path == "" || m.End <= m.Start {
			t.Errorf("copied: %+v", m)
		}
		found = found || strings.Contains(m.Path, "python")
	}
	if !found {
		t.Errorf("copied: no python mapping among %d", len(got))
	}
	got = ParseMaps(readFixture(t, "hostile/maps/mixed"))
	want := []Mapping{
		{Start: 0x400000, End: 0x452000, Perms: "r-xp", Major: 8, Minor: 2, Inode: 173521, Path: "/usr/bin/a file with spaces"},
		{Start: 0x651000, End: 0x652000, Perms: "rw-p", Offset: 0x51000, Major: 8, Minor: 2, Inode: 173521, Path: "/tmp/gone (deleted)"},
		{Start: 0x7f0000000000, End: 0x7f0000001000, Perms: "r--s", Minor: 5, Inode: 42, Path: `/memfd:shm\012x (deleted)`},
	}
	if len(got) != len(want) {
		t.Fatalf("mixed: %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mixed %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzParseMaps(f *testing.F) {
	seedFuzz(f, "maps")
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range ParseMaps(b) {
			if m.Inode == 0 || len(m.Perms) != 4 || strings.IndexByte(m.Path, '\n') >= 0 {
				t.Fatalf("%+v", m)
			}
		}
	})
}
