package procfs

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fixture trees: live is copied from a real /proc by testdata/mkfixtures
// (`make fixtures`), hostile is hand-made, one directory per parser, and copied
// holds real files of the on-demand views (sockets, locks, fdinfo, syscall,
// stack, maps, environ of a child with a chosen environment), copied from this
// machine's /proc once by hand: they describe processes that must be set up
// (a listening socket, a lock), which mkfixtures does not do.
const (
	liveDir    = "testdata/live"
	hostileDir = "testdata/hostile"
	copiedDir  = "testdata/copied"
)

// readFixture returns the contents of a file under testdata.
func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hostile returns the hand-made fixture testdata/hostile/KIND/NAME.
func hostile(t testing.TB, kind, name string) []byte {
	t.Helper()
	return readFixture(t, filepath.Join("hostile", kind, name))
}

// liveRoles maps each role named in testdata/live/ROLES ("init", "kthreadd",
// "kworker", "self", "sleeper", "zombie") to its PID directory under testdata/live.
func liveRoles(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(liveDir, "ROLES"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	roles := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if role, pid, ok := strings.Cut(sc.Text(), " "); ok {
			roles[role] = filepath.Join("live", pid)
		}
	}
	if len(roles) < 6 {
		t.Fatalf("ROLES lists %d roles, want 6: rerun make fixtures", len(roles))
	}
	return roles
}

// fixturePaths lists every fixture of one kind: a /proc/PID file name ("stat",
// "status", …; "stat" includes task/TID/stat) or a system file ("sysstat" for
// /proc/stat, "meminfo", "loadavg", "uptime"), live ones first.
func fixturePaths(t testing.TB, kind string) []string {
	t.Helper()
	var patterns []string
	switch kind {
	case "sysstat":
		patterns = []string{filepath.Join(liveDir, "stat")}
	case "meminfo", "loadavg", "uptime":
		patterns = []string{filepath.Join(liveDir, kind)}
	case "stat":
		patterns = []string{filepath.Join(liveDir, "[0-9]*", "stat"),
			filepath.Join(liveDir, "[0-9]*", "task", "*", "stat")}
	default:
		patterns = []string{filepath.Join(liveDir, "[0-9]*", kind)}
	}
	patterns = append(patterns, filepath.Join(copiedDir, kind, "*"), filepath.Join(hostileDir, kind, "*"))
	var paths []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures of kind %q", kind)
	}
	return paths
}

// liveFixtures returns the contents of the live fixtures of a kind, by path.
func liveFixtures(t testing.TB, kind string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range fixturePaths(t, kind) {
		if strings.HasPrefix(p, liveDir) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = b
		}
	}
	if len(out) == 0 {
		t.Fatalf("no live fixtures of kind %q: rerun make fixtures", kind)
	}
	return out
}

// seedFuzz adds every fixture of a kind to f's corpus.
func seedFuzz(f *testing.F, kind string) {
	for _, p := range fixturePaths(f, kind) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// sibling returns the file name next to the fixture at path (another file of the
// same process).
func sibling(t testing.TB, path, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pidOfPath returns the PID (or TID) directory name that holds a fixture file.
func pidOfPath(p string) string { return filepath.Base(filepath.Dir(p)) }

// wantErr checks a parser's error against a table case: with wantFail it must
// wrap ErrMalformed, without it must be nil. It reports whether the case is
// over (it was to fail, or failed unexpectedly).
func wantErr(t *testing.T, err error, wantFail bool) (done bool) {
	t.Helper()
	switch {
	case wantFail && !errors.Is(err, ErrMalformed):
		t.Errorf("err = %v, want ErrMalformed", err)
	case !wantFail && err != nil:
		t.Error(err)
	}
	return wantFail || err != nil
}

// fuzzErr fails a fuzz case whose error does not wrap ErrMalformed.
func fuzzErr(t *testing.T, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, ErrMalformed) {
		t.Fatalf("error %v does not wrap ErrMalformed", err)
	}
}

// noAllocs fails when f allocates.
func noAllocs(t *testing.T, what string, f func()) {
	t.Helper()
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Errorf("%s allocates %v times per call", what, n)
	}
}

// benchParse runs parse over in b.N times, reporting allocations.
func benchParse(b *testing.B, in []byte, parse func([]byte) error) {
	b.ReportAllocs()
	for b.Loop() {
		if err := parse(in); err != nil {
			b.Fatal(err)
		}
	}
}
