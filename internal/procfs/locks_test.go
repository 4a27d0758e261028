package procfs

import "testing"

func TestParseLocks(t *testing.T) {
	got, err := ParseLocks(readFixture(t, "copied/locks/locks"))
	if err != nil || len(got) != 2 {
		t.Fatalf("copied: %+v, %v", got, err)
	}
	if l := got[0]; l.Class != "FLOCK" || l.Access != "READ" || l.PID != 28535 || l.Major != 0xfe || l.Minor != 0 || l.Inode != 9988420 || !l.ToEOF {
		t.Errorf("copied flock: %+v", l)
	}
	got, err = ParseLocks(readFixture(t, "hostile/locks/mixed"))
	want := []Lock{
		{ID: 1, Class: "POSIX", Mode: "ADVISORY", Access: "WRITE", PID: 100, Major: 8, Minor: 1, Inode: 1234, ToEOF: true},
		{ID: 1, Blocked: true, Class: "POSIX", Mode: "ADVISORY", Access: "WRITE", PID: 101, Major: 8, Minor: 1, Inode: 1234, ToEOF: true},
		{ID: 2, Class: "OFDLCK", Mode: "ADVISORY", Access: "READ", PID: -1, Major: 0, Minor: 0x2a, Inode: 99, Start: 100, End: 199},
		{ID: 3, Class: "LEASE", Mode: "BREAKING", Access: "READ", PID: 102, Major: 0xfd, Minor: 1, Inode: 5, ToEOF: true},
	}
	if err != nil || len(got) != len(want) {
		t.Fatalf("mixed: %+v, %v", got, err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mixed %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if got, err := ParseLocks(readFixture(t, "hostile/locks/empty")); err != nil || got != nil {
		t.Errorf("empty: %+v, %v", got, err)
	}
	_, err = ParseLocks(readFixture(t, "hostile/locks/garbage"))
	wantErr(t, err, true)
}

func FuzzParseLocks(f *testing.F) {
	seedFuzz(f, "locks")
	f.Fuzz(func(t *testing.T, b []byte) {
		locks, err := ParseLocks(b)
		fuzzErr(t, err)
		if err != nil && locks != nil {
			t.Fatal("locks with an error")
		}
		for _, l := range locks {
			if l.Class == "" || l.Access == "" {
				t.Fatalf("lock without class or access: %+v", l)
			}
		}
	})
}
