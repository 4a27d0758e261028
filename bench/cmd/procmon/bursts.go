package main

import (
	"slices"
	"time"
)

// burstCounter finds refreshes in a series of read-syscall counts. A viewer that
// refreshes reads hundreds of /proc files in a short run and then sleeps. A run is
// a series of active samples (at least Active reads each) with no quiet stretch
// longer than Gap inside; it counts as a refresh once its reads reach MinReads.
type burstCounter struct {
	Active   uint64        // reads in one sample that make it active
	MinReads uint64        // reads in a run that make it a refresh
	Gap      time.Duration // a quiet stretch longer than this ends a run

	runStart   time.Duration // offset of the current run's first active sample
	lastActive time.Duration // offset of the latest active sample
	inRun      bool
	sum        uint64 // reads in the current run
	counted    bool   // the current run is already a refresh
	starts     []time.Duration
}

// add takes the reads made up to offset t since the previous sample.
func (c *burstCounter) add(t time.Duration, reads uint64) {
	if reads < c.Active {
		return
	}
	if !c.inRun || t-c.lastActive > c.Gap {
		c.inRun, c.runStart, c.sum, c.counted = true, t, 0, false
	}
	c.lastActive = t
	c.sum += reads
	if !c.counted && c.sum >= c.MinReads {
		c.counted = true
		c.starts = append(c.starts, c.runStart)
	}
}

// bursts is the number of refreshes seen.
func (c *burstCounter) bursts() int { return len(c.starts) }

// period is the median time between the starts of consecutive refreshes, or 0
// with fewer than three refreshes.
func (c *burstCounter) period() time.Duration {
	if len(c.starts) < 3 {
		return 0
	}
	d := make([]time.Duration, 0, len(c.starts)-1)
	for i := 1; i < len(c.starts); i++ {
		d = append(d, c.starts[i]-c.starts[i-1])
	}
	slices.Sort(d)
	return d[len(d)/2]
}

// refreshes is how many refreshes fit in the window: window/period when the
// period is known (a partial refresh at either edge counts as its fraction),
// otherwise the plain burst count.
func (c *burstCounter) refreshes(window time.Duration) float64 {
	if p := c.period(); p > 0 {
		return float64(window) / float64(p)
	}
	return float64(c.bursts())
}
