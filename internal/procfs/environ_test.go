package procfs

import (
	"slices"
	"strings"
	"testing"
)

func TestParseEnviron(t *testing.T) {
	tests := []struct {
		path string
		want []string
	}{
		{"copied/environ/sleep", []string{"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/nonexistent"}},
		{"hostile/environ/escapes-no-final-nul", []string{"A=\x1b[2J", "B=\u202eevil", "noequals", "=", "TERM=xterm"}},
		{"hostile/environ/only-nuls", nil},
		{"hostile/environ/setproctitle", []string{"nginx: master process /usr/sbin/nginx"}},
	}
	for _, tt := range tests {
		if got := ParseEnviron(readFixture(t, tt.path)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.path, got, tt.want)
		}
	}
}

func FuzzParseEnviron(f *testing.F) {
	seedFuzz(f, "environ")
	f.Fuzz(func(t *testing.T, b []byte) {
		total := 0
		for _, e := range ParseEnviron(b) {
			if e == "" || strings.IndexByte(e, 0) >= 0 {
				t.Fatalf("entry %q from %q", e, b)
			}
			total += len(e)
		}
		if total > len(b) {
			t.Fatalf("%d bytes of entries from %d", total, len(b))
		}
	})
}
