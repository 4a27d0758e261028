package procfs

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSyscall(t *testing.T) {
	tests := []struct {
		path     string
		state    SyscallState
		nr       int64
		name     string // amd64's name for nr
		wantFail bool
	}{
		{"copied/syscall/sleep", SyscallIn, 230, "clock_nanosleep", false},
		{"copied/syscall/cat-read", SyscallIn, 0, "read", false},
		{"copied/syscall/self-read", SyscallIn, 0, "read", false},
		{"hostile/syscall/running", SyscallRunning, -1, "", false},
		{"hostile/syscall/blocked-not-in-syscall", SyscallBlocked, -1, "", false},
		{"hostile/syscall/unknown-number", SyscallIn, 99999, "", false},
		{"hostile/syscall/too-few", 0, 0, "", true},
		{"hostile/syscall/no-0x", 0, 0, "", true},
		{"hostile/syscall/minus-one-with-args", 0, 0, "", true},
	}
	for _, tt := range tests {
		got, err := ParseSyscall(readFixture(t, tt.path))
		if wantErr(t, err, tt.wantFail) {
			continue
		}
		if got.State != tt.state || got.Nr != tt.nr || SyscallName("amd64", got.Nr) != tt.name {
			t.Errorf("%s: got %+v (%q), want state %d nr %d (%q)", tt.path, got, SyscallName("amd64", got.Nr), tt.state, tt.nr, tt.name)
		}
	}
	s, _ := ParseSyscall(readFixture(t, "copied/syscall/cat-read"))
	if s.Args[0] != 0 || s.Args[2] != 0x20000 || s.PC == 0 || s.SP == 0 {
		t.Errorf("cat-read: %+v", s)
	}
	b, _ := ParseSyscall(readFixture(t, "hostile/syscall/blocked-not-in-syscall"))
	if b.SP != 0x7ffd1234 || b.PC != 0x401000 {
		t.Errorf("blocked: %+v", b)
	}
}

func TestSyscallName(t *testing.T) {
	for _, tt := range []struct {
		arch string
		nr   int64
		want string
	}{
		{"amd64", 0, "read"}, {"amd64", 35, "nanosleep"}, {"amd64", 61, "wait4"}, {"amd64", 230, "clock_nanosleep"},
		{"arm64", 63, "read"}, {"arm64", 101, "nanosleep"}, {"arm64", 115, "clock_nanosleep"}, {"arm64", 260, "wait4"},
		{"amd64", -1, ""}, {"amd64", 1 << 40, ""}, {"riscv64", 0, ""},
	} {
		if got := SyscallName(tt.arch, tt.nr); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.arch, tt.nr, got, tt.want)
		}
	}
}

func TestParseWchanAndStack(t *testing.T) {
	for path, want := range map[string]string{
		"copied/wchan/sleep": "hrtimer_nanosleep", "copied/wchan/cat-read": "anon_pipe_read",
		"hostile/wchan/zero": "", "hostile/wchan/escape": "\x1b[2Jdo_wait",
	} {
		if got := ParseWchan(readFixture(t, path)); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	for path, want := range map[string][]string{
		"copied/stack/cat-read": {"anon_pipe_read+0x4fa/0x5f0", "vfs_read+0x397/0x3d0", "ksys_read+0xc3/0xf0",
			"do_syscall_64+0x71/0x290", "entry_SYSCALL_64_after_hwframe+0x76/0x7e"},
		"hostile/stack/empty": nil,
		"hostile/stack/odd":   {"no brackets here", "[<0>]", "schedule+0x1/0x2"},
	} {
		if got := ParseStack(readFixture(t, path)); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}

func FuzzParseSyscall(f *testing.F) {
	seedFuzz(f, "syscall")
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSyscall(b)
		fuzzErr(t, err)
		if err == nil && (s.State == SyscallIn) == (s.Nr < 0) {
			t.Fatalf("%+v from %q", s, b)
		}
		_ = SyscallName("amd64", s.Nr)
		_ = SyscallName("arm64", s.Nr)
	})
}

func FuzzParseStack(f *testing.F) {
	seedFuzz(f, "stack")
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, fr := range ParseStack(b) {
			if fr == "" || strings.ContainsAny(fr, "\n") {
				t.Fatalf("frame %q", fr)
			}
		}
	})
}
