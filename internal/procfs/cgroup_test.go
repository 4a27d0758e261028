package procfs

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseCgroup(t *testing.T) {
	tests := []struct{ file, want string }{
		{"v2", "/user.slice/user-1000.slice/session-2.scope"},
		{"hybrid", "/user.slice/x.scope"},
		{"hybrid-v2-root", "/process_api/3c7acc9eab032f5edbf8f49c657f0dfc"}, // this machine's own
		{"v1-systemd", "/system.slice/cron.service"},
		{"v1-plain", "/docker/abc"},
		{"colon-path", "/odd:path: here"},
		{"deleted", "/gone.scope (deleted)"},
		{"empty", ""},
		{"garbage", ""},
	}
	for _, tt := range tests {
		if got := ParseCgroup(hostile(t, "cgroup", tt.file)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.file, got, tt.want)
		}
	}
}

func TestParseCgroupLive(t *testing.T) {
	for path, b := range liveFixtures(t, "cgroup") {
		if got := ParseCgroup(b); !strings.HasPrefix(got, "/") {
			t.Errorf("%s: got %q, want an absolute cgroup path", path, got)
		}
	}
}

func FuzzParseCgroup(f *testing.F) {
	seedFuzz(f, "cgroup")
	f.Fuzz(func(t *testing.T, b []byte) {
		got := ParseCgroup(b)
		if !bytes.Contains(b, []byte(got)) || strings.Contains(got, "\n") {
			t.Fatalf("path %q is not one line of the input", got)
		}
	})
}
