package main

import (
	"testing"
	"time"
)

func TestBurstCounter(t *testing.T) {
	ms := time.Millisecond
	type sample struct {
		at    time.Duration
		reads uint64
	}
	cases := []struct {
		name      string
		samples   []sample
		bursts    int
		period    time.Duration
		refreshes float64 // over a 4 s window
	}{
		{"one refresh per second, split over two samples",
			[]sample{{0, 600}, {20 * ms, 500}, {1000 * ms, 1100}, {2000 * ms, 800}, {2020 * ms, 300}, {3000 * ms, 1100}},
			4, time.Second, 4},
		{"a stall inside a refresh shorter than the gap is one refresh",
			[]sample{{0, 400}, {100 * ms, 700}, {1000 * ms, 1100}, {2000 * ms, 1100}},
			3, time.Second, 4},
		{"small reads between refreshes are not refreshes",
			[]sample{{0, 1100}, {500 * ms, 3}, {700 * ms, 12}, {1000 * ms, 1100}},
			2, 0, 2},
		{"a slow viewer refreshes every two seconds",
			[]sample{{0, 5000}, {2000 * ms, 5000}, {4000 * ms, 5000}},
			3, 2 * time.Second, 2},
		{"nothing read", nil, 0, 0, 0},
	}
	for _, c := range cases {
		b := &burstCounter{Active: 5, MinReads: 30, Gap: 150 * ms}
		for _, s := range c.samples {
			b.add(s.at, s.reads)
		}
		if b.bursts() != c.bursts || b.period() != c.period || b.refreshes(4*time.Second) != c.refreshes {
			t.Errorf("%s: bursts %d period %v refreshes %.2f; want %d %v %.2f", c.name,
				b.bursts(), b.period(), b.refreshes(4*time.Second), c.bursts, c.period, c.refreshes)
		}
	}
}
