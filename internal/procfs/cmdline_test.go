package procfs

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestParseCmdline(t *testing.T) {
	tests := []struct {
		file     string
		want     string
		argv0Len int
	}{
		{"argv", "/usr/bin/python3 -m http.server 8000", 16},
		{"setproctitle", "nginx: worker process", 5},
		{"empty-args", "prog  x", 4},
		{"kthread", "", 0},
		{"nonutf8-control", "\xff\xfe \x1b[2J", 2},
		{"only-nuls", "", 0},
		{"single", "/bin/sh", 7},
	}
	for _, tt := range tests {
		got, n := ParseCmdline(hostile(t, "cmdline", tt.file))
		if got != tt.want || n != tt.argv0Len {
			t.Errorf("%s: got %q, %d; want %q, %d", tt.file, got, n, tt.want, tt.argv0Len)
		}
	}
}

func TestParseCmdlineLarge(t *testing.T) {
	// 100 KiB of arguments, as a long compiler or java command line has.
	arg := bytes.Repeat([]byte("x"), 1023)
	var b []byte
	for range 100 {
		b = append(append(b, arg...), 0)
	}
	got, n := ParseCmdline(b)
	want := strings.TrimSuffix(strings.Repeat(string(arg)+" ", 100), " ")
	if got != want || n != 1023 || len(got) != 100<<10-1 {
		t.Errorf("got %d bytes, argv0Len %d; want %d bytes, 1023", len(got), n, len(want))
	}
}

func TestParseCmdlineLive(t *testing.T) {
	roles := liveRoles(t)
	for _, tt := range []struct{ role, want string }{
		{"sleeper", "sleep 60"}, {"kthreadd", ""}, {"kworker", ""}, {"zombie", ""},
	} {
		if got, _ := ParseCmdline(readFixture(t, roles[tt.role]+"/cmdline")); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.role, got, tt.want)
		}
	}
	for _, role := range []string{"init", "self"} {
		got, n := ParseCmdline(readFixture(t, roles[role]+"/cmdline"))
		if n == 0 || !strings.HasPrefix(got, "/") {
			t.Errorf("%s: got %q, argv0Len %d; want an absolute argv[0]", role, got, n)
		}
	}
}

func FuzzParseCmdline(f *testing.F) {
	seedFuzz(f, "cmdline")
	f.Fuzz(func(t *testing.T, b []byte) {
		cmd, n := ParseCmdline(b)
		if n < 0 || n > len(cmd) || len(cmd) > len(b) || strings.IndexByte(cmd, 0) >= 0 {
			t.Fatalf("cmd %q argv0Len %d from %d bytes", cmd, n, len(b))
		}
		if len(cmd) != len(bytes.TrimRight(b, "\x00")) {
			t.Fatalf("cmd %q from %q: only trailing NULs may go", cmd, b)
		}
		if got, want := cutArgs(cmd, ArgSeps(b)), strings.Split(string(bytes.TrimRight(b, "\x00")), "\x00"); cmd != "" && !slices.Equal(got, want) {
			t.Fatalf("argv of %q cut as %q, want %q", b, got, want)
		}
	})
}

// cutArgs cuts cmd at seps, as collect.Process.Argv does.
func cutArgs(cmd string, seps []int32) []string {
	var out []string
	start := 0
	for _, s := range seps {
		out = append(out, cmd[start:s])
		start = int(s) + 1
	}
	return append(out, cmd[start:])
}

// ArgSeps marks the NULs between arguments, not the spaces inside one, so the
// argv comes back whole.
func TestArgSeps(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"/bin/sh\x00-c\x00echo a b\x00", []string{"/bin/sh", "-c", "echo a b"}},
		{"prog\x00\x00x", []string{"prog", "", "x"}},
		{"nginx: worker process", []string{"nginx: worker process"}},
		{"single\x00\x00", []string{"single"}},
	} {
		cmd, _ := ParseCmdline([]byte(tt.in))
		if got := cutArgs(cmd, ArgSeps([]byte(tt.in))); !slices.Equal(got, tt.want) {
			t.Errorf("%q: argv %q, want %q", tt.in, got, tt.want)
		}
	}
}
