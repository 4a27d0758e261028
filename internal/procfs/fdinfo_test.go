package procfs

import "testing"

func TestParseFDInfo(t *testing.T) {
	tests := []struct {
		path     string
		pos      int64
		flags    uint32
		access   Access
		locks    int
		wantFail bool
	}{
		{"copied/fdinfo/regular-write", 0, 02100001, AccessWrite, 1, false},
		{"copied/fdinfo/pipe-read", 0, 02000000, AccessRead, 0, false},
		{"copied/fdinfo/pipe-write", 0, 02000001, AccessWrite, 0, false},
		{"copied/fdinfo/epoll", 0, 02000002, AccessReadWrite, 0, false},
		{"hostile/fdinfo/eventfd-negative-pos", -5, 2, AccessReadWrite, 0, false},
		{"hostile/fdinfo/no-flags", 0, 0, 0, 0, true},
		{"hostile/fdinfo/bad-octal", 0, 0, 0, 0, true},
		{"hostile/fdinfo/empty", 0, 0, 0, 0, true},
	}
	for _, tt := range tests {
		got, err := ParseFDInfo(readFixture(t, tt.path))
		if wantErr(t, err, tt.wantFail) {
			continue
		}
		if got.Pos != tt.pos || got.Flags != tt.flags || got.Access() != tt.access || len(got.Locks) != tt.locks || got.MntID < 0 {
			t.Errorf("%s: got %+v (access %d)", tt.path, got, got.Access())
		}
	}
	fi, _ := ParseFDInfo(readFixture(t, "copied/fdinfo/regular-write"))
	if l := fi.Locks[0]; l.Class != "POSIX" || l.Access != "WRITE" || l.Inode != fi.Ino || !l.ToEOF {
		t.Errorf("lock of regular-write: %+v", l)
	}
	fi, _ = ParseFDInfo(readFixture(t, "hostile/fdinfo/eventfd-negative-pos"))
	if fi.MntID != 15 || fi.Ino != 1<<64-1 {
		t.Errorf("eventfd: %+v", fi)
	}
}

func FuzzParseFDInfo(f *testing.F) {
	seedFuzz(f, "fdinfo")
	f.Fuzz(func(t *testing.T, b []byte) {
		fi, err := ParseFDInfo(b)
		fuzzErr(t, err)
		if err != nil && (fi.Pos != 0 || fi.Flags != 0 || fi.Locks != nil) {
			t.Fatalf("error %v with a record %+v", err, fi)
		}
		if fi.Access() > AccessOther {
			t.Fatalf("access %d", fi.Access())
		}
	})
}
