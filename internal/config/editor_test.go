package config

import "testing"

func TestIntRange(t *testing.T) {
	for _, c := range []struct {
		name   string
		ptr    func(*Settings) *int
		lo, hi int
	}{
		{"delay", func(s *Settings) *int { return &s.Delay }, minDelay, maxDelay},
		{"highlight_seconds", func(s *Settings) *int { return &s.HighlightSeconds }, minHighlight, maxHighlight},
		{"grace", func(s *Settings) *int { return &s.Grace }, minGrace, maxGrace},
	} {
		lo, hi, ok := IntRange(c.ptr)
		if !ok || lo != c.lo || hi != c.hi {
			t.Errorf("%s: IntRange = %d, %d, %v; want %d, %d, true", c.name, lo, hi, ok, c.lo, c.hi)
		}
	}
	var x int
	if _, _, ok := IntRange(func(*Settings) *int { return &x }); ok {
		t.Error("IntRange of a pointer outside Settings is ok")
	}
}
