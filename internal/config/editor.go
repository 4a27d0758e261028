package config

// IntRange returns the range the file allows for the whole-number setting that
// ptr points to (Delay, HighlightSeconds, Grace), so that an editor of the
// settings (the viewer's setup screen) offers only values the loader keeps. The
// options table stays the one place the ranges are written; ok is false for a
// pointer that is not one of its whole numbers.
func IntRange(ptr func(*Settings) *int) (lo, hi int, ok bool) {
	var s Settings
	want := ptr(&s)
	for _, o := range options {
		if p, isInt := o.ptr(&s).(*int); isInt && p == want {
			return o.min, o.max, true
		}
	}
	return 0, 0, false
}

// DefaultMeterMode is the mode a meter added without one gets: htop shows the
// usage meters as bars and the counters as text.
func DefaultMeterMode(name string) string { return defaultMode(name) }
