package procfs

import (
	"path/filepath"
	"testing"
)

func TestParseSmapsRollupLive(t *testing.T) {
	for path, b := range liveFixtures(t, "smaps_rollup") {
		var s SmapsRollup
		if err := ParseSmapsRollup(b, &s); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		// The kernel's own invariants: a proportional or unique share of a
		// resident set is never larger than the set.
		if s.Rss == 0 || s.Pss > s.Rss || s.Uss() > s.Rss || s.Pss < s.Uss() {
			t.Errorf("%s: Rss %d Pss %d Uss %d: impossible", path, s.Rss, s.Pss, s.Uss())
		}
		if s.Rss%1024 != 0 {
			t.Errorf("%s: Rss %d is not a whole number of kB", path, s.Rss)
		}
	}
}

func TestParseSmapsRollupHostile(t *testing.T) {
	cases := map[string]struct {
		fail     bool
		rss, uss uint64
	}{
		"empty":            {fail: true}, // a kernel thread's or a zombie's
		"no-pss":           {fail: true},
		"bad-number":       {fail: true},
		"overflow":         {fail: true},
		"wrong-unit":       {fail: true},
		"no-final-newline": {rss: 4096, uss: 2048},
	}
	for _, p := range fixturePaths(t, "smaps_rollup") {
		if filepath.Base(filepath.Dir(p)) != "smaps_rollup" {
			continue
		}
		name := filepath.Base(p)
		c, ok := cases[name]
		if !ok {
			t.Errorf("hostile fixture %s has no case", name)
			continue
		}
		var s SmapsRollup
		if wantErr(t, ParseSmapsRollup(hostile(t, "smaps_rollup", name), &s), c.fail) {
			continue
		}
		if s.Rss != c.rss || s.Uss() != c.uss {
			t.Errorf("%s: Rss %d Uss %d, want %d %d", name, s.Rss, s.Uss(), c.rss, c.uss)
		}
	}
}

func TestParseOOMScore(t *testing.T) {
	for path, b := range liveFixtures(t, "oom_score") {
		if n, err := ParseOOMScore(b); err != nil || n > 2000 {
			t.Errorf("%s: %d, %v", path, n, err)
		}
	}
	for _, name := range []string{"empty", "negative", "garbage", "overflow"} {
		if _, err := ParseOOMScore(hostile(t, "oom_score", name)); !wantErr(t, err, true) {
			t.Errorf("%s: parsed", name)
		}
	}
}

func TestParseSmapsRollupNoAllocs(t *testing.T) {
	b := liveFixtures(t, "smaps_rollup")
	for _, in := range b {
		var s SmapsRollup
		noAllocs(t, "ParseSmapsRollup", func() { _ = ParseSmapsRollup(in, &s) })
		break
	}
}

func FuzzParseSmapsRollup(f *testing.F) {
	seedFuzz(f, "smaps_rollup")
	f.Fuzz(func(t *testing.T, b []byte) {
		var s SmapsRollup
		fuzzErr(t, ParseSmapsRollup(b, &s))
	})
}

func FuzzParseOOMScore(f *testing.F) {
	seedFuzz(f, "oom_score")
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := ParseOOMScore(b)
		fuzzErr(t, err)
	})
}
