package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// cellWriter builds one table cell's text: plain bytes plus the spans of it
// drawn in a colour role. Text put into it must already be sanitized. It is
// reused from frame to frame (reset), so a steady refresh allocates little.
type cellWriter struct {
	b     []byte
	spans []roleSpan
	width int
	// tags, when set, makes String render the spans as tview tags (tests and
	// tview widgets); the table itself draws spans directly (rowtext.go).
	tags *[nRoles]string
}

// roleSpan is a run of a cell's text in one colour role.
type roleSpan struct {
	start, end int
	r          role
}

const resetTag = "[-:-:-]"

// reset empties the writer, keeping its buffers.
func (w *cellWriter) reset() { w.b, w.spans, w.width = w.b[:0], w.spans[:0], 0 }

// put appends s in role r.
func (w *cellWriter) put(r role, s string) {
	if s == "" {
		return
	}
	w.width += textWidth(s)
	if r != roleNormal {
		w.spans = append(w.spans, roleSpan{len(w.b), len(w.b) + len(s), r})
	}
	w.b = append(w.b, s...)
}

// pad appends spaces up to width n.
func (w *cellWriter) pad(n int) {
	for ; w.width < n; w.width++ {
		w.b = append(w.b, ' ')
	}
}

// padFrom inserts spaces at byte offset at until the text from there is n
// wide, given that it is now wide (right alignment).
func (w *cellWriter) padFrom(at, wide, n int) {
	k := n - wide
	if k <= 0 {
		return
	}
	w.b = append(w.b, make([]byte, k)...)
	copy(w.b[at+k:], w.b[at:len(w.b)-k])
	for i := at; i < at+k; i++ {
		w.b[i] = ' '
	}
	for i := range w.spans {
		if w.spans[i].start >= at {
			w.spans[i].start += k
			w.spans[i].end += k
		}
	}
	w.width += k
}

// String returns the cell's text, tagged for tview when tags is set.
func (w *cellWriter) String() string {
	if w.tags == nil {
		return string(w.b)
	}
	var b strings.Builder
	at := 0
	for _, sp := range w.spans {
		b.WriteString(tview.Escape(string(w.b[at:sp.start])))
		if tag := w.tags[sp.r]; tag != "" {
			b.WriteString(tag + tview.Escape(string(w.b[sp.start:sp.end])) + resetTag)
		} else {
			b.WriteString(tview.Escape(string(w.b[sp.start:sp.end])))
		}
		at = sp.end
	}
	b.WriteString(tview.Escape(string(w.b[at:])))
	return b.String()
}

// textWidth is the number of screen columns s takes.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return uniseg.StringWidth(s)
		}
	}
	return len(s)
}

// putRight appends s right-aligned in width n (s is short ASCII: numbers).
func (w *cellWriter) putRight(r role, s string, n int) {
	w.pad(w.width + n - len(s))
	w.put(r, s)
}

// putSize appends a byte count the way htop does, five columns wide, with the
// magnitude in colour: "  812" KiB, "12345" KiB (the MiB digits coloured),
// " 345M", "1234M" (the GiB digit coloured), " 12.3G", "1.21T".
func (w *cellWriter) putSize(bytes uint64) {
	kib := bytes / 1024
	const k = 1024
	switch {
	case kib < 1000:
		w.putRight(roleNormal, fmt.Sprint(kib), 5)
	case kib < 100000:
		w.putRight(roleMega, fmt.Sprint(kib/1000), 2)
		w.put(roleNormal, fmt.Sprintf("%03d", kib%1000))
	case kib < 1000*k:
		w.put(roleMega, fmt.Sprintf("%4dM", kib/k))
	case kib < 10000*k:
		mib := kib / k
		w.put(roleGiga, fmt.Sprint(mib/1000))
		w.put(roleMega, fmt.Sprintf("%03dM", mib%1000))
	case kib < 100*k*k:
		w.put(roleGiga, fmt.Sprintf("%4.1fG", float64(kib)/(k*k)))
	case kib < 1000*k*k:
		w.put(roleGiga, fmt.Sprintf("%4dG", kib/(k*k)))
	default:
		w.put(roleTera, fmt.Sprintf("%4.2fT", float64(kib)/(k*k*k)))
	}
}

// putUnknown appends the placeholder of a field the platform could not read.
func (w *cellWriter) putUnknown(n int) { w.putRight(roleShadow, "N/A", n) }

// percent formats a share like htop's CPU% and MEM%: "12.3", " 100", "1234".
func percent(v float64) string {
	switch {
	case v < 99.95:
		return fmt.Sprintf("%4.1f", v)
	default:
		return fmt.Sprintf("%4.0f", v)
	}
}

// cpuTime formats a CPU time like htop's TIME+: "0:03.21" under an hour,
// "1h02:03" under a hundred hours, then "12d05h" and "2y100d".
func cpuTime(d time.Duration) string {
	hundredths := int64(d / (10 * time.Millisecond))
	secs := hundredths / 100
	hours, days := secs/3600, secs/86400
	switch {
	case days >= 365:
		return fmt.Sprintf("%dy%03dd", days/365, days%365)
	case hours >= 100:
		return fmt.Sprintf("%dd%02dh", days, hours%24)
	case hours > 0:
		return fmt.Sprintf("%dh%02d:%02d", hours, secs/60%60, secs%60)
	}
	return fmt.Sprintf("%d:%02d.%02d", secs/60, secs%60, hundredths%100)
}

// uptime formats like htop's Uptime meter: "02:03:04", "1 day, 02:03:04".
func uptime(d time.Duration) string {
	s := int64(d / time.Second)
	hms := fmt.Sprintf("%02d:%02d:%02d", s/3600%24, s/60%60, s%60)
	switch days := s / 86400; {
	case days == 1:
		return "1 day, " + hms
	case days > 1:
		return fmt.Sprintf("%d days, %s", days, hms)
	}
	return hms
}

// human formats a byte count for the meters: "812K", "1.21G", "15.6G".
func human(b uint64) string {
	v, units := float64(b)/1024, "KMGTPE"
	for i := 0; ; i++ {
		switch {
		case i == len(units)-1 || v < 1000 && i == 0:
			return fmt.Sprintf("%.0f%c", v, units[i])
		case v < 10:
			return fmt.Sprintf("%.2f%c", v, units[i])
		case v < 100:
			return fmt.Sprintf("%.1f%c", v, units[i])
		case v < 1000:
			return fmt.Sprintf("%.0f%c", v, units[i])
		}
		v /= 1024
	}
}

// rate formats bytes per second: "0", "812K/s", "12.3M/s".
func rate(bps float64) string {
	if bps < 1 {
		return "0"
	}
	if bps < 1024 {
		return fmt.Sprintf("%.0fB/s", bps)
	}
	return human(uint64(bps)) + "/s"
}

// startTime formats a start time like htop's START: "15:04" today, "Jan02"
// this year, "2024" before.
func startTime(t, now time.Time) string {
	switch {
	case t.IsZero():
		return "?"
	case now.Sub(t) < 24*time.Hour && t.YearDay() == now.YearDay():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("Jan02")
	}
	return t.Format("2006")
}
