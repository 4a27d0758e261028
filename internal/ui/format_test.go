package ui

import (
	"testing"
	"time"
)

func TestPutSize(t *testing.T) {
	cases := []struct {
		bytes uint64
		plain string
	}{
		{0, "    0"},
		{812 << 10, "  812"},
		{12345 << 10, "12345"},
		{345 << 20, " 345M"},
		{1234 << 20, "1234M"},
		{12*(1<<30) + 300<<20, "12.3G"},
		{345 << 30, " 345G"},
		{3 << 40, "3.00T"},
	}
	for _, c := range cases {
		var w cellWriter
		w.putSize(c.bytes)
		if got := w.String(); got != c.plain || w.width != 5 {
			t.Errorf("putSize(%d) = %q (width %d), want %q", c.bytes, got, w.width, c.plain)
		}
	}
	tags := colourTheme(256).tag
	w := cellWriter{tags: &tags}
	w.putSize(1234 << 20)
	if want := "[green:-:]1[-:-:-][teal:-:]234M[-:-:-]"; w.String() != want || w.width != 5 {
		t.Errorf("tagged putSize = %q (width %d), want %q", w.String(), w.width, want)
	}
}

func TestCellWriterEscapes(t *testing.T) {
	tags := colourTheme(256).tag
	w := cellWriter{tags: &tags}
	w.put(roleBasename, "[red]x")
	if w.String() != "[teal:-:b][red[]x[-:-:-]" || w.width != 6 {
		t.Errorf("escaped = %q width %d", w.String(), w.width)
	}
}

func TestFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{percent(0), " 0.0"},
		{percent(12.34), "12.3"},
		{percent(99.96), " 100"},
		{percent(812.4), " 812"},
		{cpuTime(3210 * time.Millisecond), "0:03.21"},
		{cpuTime(59*time.Minute + 59*time.Second), "59:59.00"},
		{cpuTime(time.Hour + 2*time.Minute + 3*time.Second), "1h02:03"},
		{cpuTime(101 * time.Hour), "4d05h"},
		{cpuTime(400 * 24 * time.Hour), "1y035d"},
		{uptime(2*time.Hour + 3*time.Minute + 4*time.Second), "02:03:04"},
		{uptime(26 * time.Hour), "1 day, 02:00:00"},
		{uptime(50 * time.Hour), "2 days, 02:00:00"},
		{human(812 << 10), "812K"},
		{human(1 << 30), "1.00G"},
		{human(15*(1<<30) + 600<<20), "15.6G"},
		{human(0), "0K"},
		{rate(0.5), "0"},
		{rate(100), "100B/s"},
		{rate(3 << 20), "3.00M/s"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
	now := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		t    time.Time
		want string
	}{{now.Add(-time.Hour), "11:00"}, {now.AddDate(0, -1, 0), "Feb05"}, {now.AddDate(-2, 0, 0), "2024"}, {time.Time{}, "?"}} {
		if got := startTime(c.t, now); got != c.want {
			t.Errorf("startTime(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}
