package export

import (
	"math"
	"mime"
	"strconv"
	"strings"
)

// Format is an exposition format.
type Format uint8

// The formats /metrics serves.
const (
	// Text is Prometheus' text format 0.0.4: what every scraper reads.
	Text Format = iota
	// OpenMetrics is OpenMetrics 1.0 text, for a scraper that asks for it.
	OpenMetrics
)

// ContentType is the Content-Type of a response in format f.
func (f Format) ContentType() string {
	if f == OpenMetrics {
		return "application/openmetrics-text; version=1.0.0; charset=utf-8"
	}
	return "text/plain; version=0.0.4; charset=utf-8"
}

// Negotiate picks the format for an Accept header: OpenMetrics when it is
// accepted (at a version this writer knows, 1.0.0 or unversioned) at a
// quality no lower than the text format's, else the text format.
func Negotiate(accept string) Format {
	om, text := -1.0, 0.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 0 && v <= 1 {
				q = v
			}
		}
		switch mt {
		case "application/openmetrics-text":
			if v := params["version"]; v == "" || v == "1.0.0" {
				om = max(om, q)
			}
		case "text/plain", "text/*", "*/*":
			text = max(text, q)
		}
	}
	if om > 0 && om >= text {
		return OpenMetrics
	}
	return Text
}

// The metric types this writer emits.
const (
	gauge   = "gauge"
	counter = "counter"
)

// writer appends one exposition to a buffer. Metric and label names are the
// program's constants; only label values come from outside, and they pass
// through appendLabelValue.
type writer struct {
	b      []byte
	f      Format
	series int // samples written
}

// family opens a metric family. A counter's name ends in _total: the text
// format names the family so, OpenMetrics names it without the suffix and
// only the sample carries it.
func (w *writer) family(name, typ, help string) {
	fam := name
	if w.f == OpenMetrics && typ == counter {
		fam = strings.TrimSuffix(name, "_total")
	}
	w.b = append(w.b, "# HELP "...)
	w.b = append(w.b, fam...)
	w.b = append(w.b, ' ')
	w.b = appendHelp(w.b, help)
	w.b = append(w.b, "\n# TYPE "...)
	w.b = append(w.b, fam...)
	w.b = append(w.b, ' ')
	w.b = append(w.b, typ...)
	w.b = append(w.b, '\n')
}

// label is one name="value" pair; the value is escaped when written.
type label struct{ name, value string }

// sample writes one sample of the family just opened.
func (w *writer) sample(name string, v float64, labels ...label) {
	w.b = append(w.b, name...)
	if len(labels) > 0 {
		w.b = append(w.b, '{')
		for i, l := range labels {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = append(w.b, l.name...)
			w.b = append(w.b, '=', '"')
			w.b = appendLabelValue(w.b, l.value)
			w.b = append(w.b, '"')
		}
		w.b = append(w.b, '}')
	}
	w.b = append(w.b, ' ')
	w.b = appendFloat(w.b, v)
	w.b = append(w.b, '\n')
	w.series++
}

// end closes the exposition (OpenMetrics requires its # EOF line).
func (w *writer) end() {
	if w.f == OpenMetrics {
		w.b = append(w.b, "# EOF\n"...)
	}
}

// appendFloat writes v as both formats read it: integers without an exponent
// as long as they are exact, the special values by their names.
func appendFloat(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, "NaN"...)
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case v == math.Trunc(v) && math.Abs(v) < 1<<53:
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// appendHelp escapes a help text: backslash and newline in both formats, the
// double quote too in OpenMetrics, which the text format leaves alone; the
// help texts are ours, so escaping both ways keeps both readers happy only if
// they hold no quote, which TestHelpTexts checks.
func appendHelp(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		default:
			b = append(b, c)
		}
	}
	return b
}
