package export

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// parseText parses b with Prometheus' own text-format parser.
func parseText(t testing.TB, b []byte) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the text parser refuses the exposition: %v\n%s", err, b)
	}
	return fams
}

func TestNegotiate(t *testing.T) {
	for _, c := range []struct {
		accept string
		want   Format
	}{
		{"", Text},
		{"text/plain", Text},
		{"*/*", Text},
		{"application/openmetrics-text", OpenMetrics},
		// What Prometheus 2.x sends.
		{"application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", OpenMetrics},
		{"application/openmetrics-text;version=0.0.1", Text}, // a version this writer does not write
		{"text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5", Text},
		{"application/openmetrics-text;q=0", Text},
		{"garbage;;;=", Text},
	} {
		if got := Negotiate(c.accept); got != c.want {
			t.Errorf("Negotiate(%q) = %v, want %v", c.accept, got, c.want)
		}
	}
}

func TestAppendFloat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{0, "0"}, {42, "42"}, {1.5, "1.5"}, {1e20, "1e+20"}, {-3, "-3"}, {0.000001, "1e-06"}} {
		if got := string(appendFloat(nil, c.v)); got != c.want {
			t.Errorf("appendFloat(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// The hostile names of real processes (a comm is any 15 bytes but NUL) and
// of paths: each must come out as one label value, readable and inert.
func TestLabelValueHostile(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"nginx", "nginx"},
		{`a"b`, `a\"b`},
		{`a\b`, `a\\b`},
		{"a\nb", `a\\u000Ab`},
		{"\x1b[31mred", `\\u001B[31mred`},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"rtl\u202eevil", `rtl\\u202Eevil`},
		{"tmux: server", "tmux: server"},
		{"日本", "日本"},
		{"tag\U000E0041", `tag\\U000E0041`},
	} {
		if got := string(appendLabelValue(nil, c.in)); got != c.want {
			t.Errorf("appendLabelValue(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	long := strings.Repeat("x", 5000)
	if got := appendLabelValue(nil, long); len(got) > maxLabelBytes+8 || !strings.HasSuffix(string(got), "…") {
		t.Errorf("a 5,000-byte value is written as %d bytes", len(got))
	}
}

// checkLabel writes one sample with s as a label value in both formats and
// checks that the text parser reads back exactly one sample whose value is
// safe: valid UTF-8, no control character, bounded.
func checkLabel(t testing.TB, s string) {
	w := &writer{f: Text}
	w.family("x_total", counter, "help")
	w.sample("x_total", 1, label{"a", s}, label{"b", "after"})
	fams := parseText(t, w.b)
	m := fams["x_total"].GetMetric()
	if len(m) != 1 || len(m[0].GetLabel()) != 2 || m[0].GetLabel()[1].GetValue() != "after" {
		t.Fatalf("%q: parsed as %v", s, fams)
	}
	v := m[0].GetLabel()[0].GetValue()
	if !utf8.ValidString(v) || !model.LabelValue(v).IsValid() || len(v) > maxLabelBytes+8 {
		t.Fatalf("%q: label value %q", s, v)
	}
	for _, r := range v {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Fatalf("%q: label value %q holds control %U", s, v, r)
		}
	}
	if !strings.ContainsAny(s, "\\\"") && v != s && utf8.ValidString(s) && len(s) < maxLabelBytes {
		plain := true
		for _, r := range s {
			plain = plain && r >= 0x20 && r < 0x7f
		}
		if plain {
			t.Fatalf("%q: a plain value came back as %q", s, v)
		}
	}
	// OpenMetrics uses the same label escapes; the line must stay one line.
	w = &writer{f: OpenMetrics}
	w.family("x_total", counter, "help")
	w.sample("x_total", 1, label{"a", s})
	w.end()
	if lines := strings.Count(string(w.b), "\n"); lines != 4 {
		t.Fatalf("%q: OpenMetrics exposition has %d lines:\n%s", s, lines, w.b)
	}
}

func FuzzLabelValue(f *testing.F) {
	for _, s := range []string{"", "sshd", "a\nb", `"\`, "\x1b]0;title\x07", "\xff\xfe", "\u202e", "a\x00b",
		strings.Repeat("é", 300), "}\n# EOF\nevil_total 1e99\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLabel(t, s) })
}

// The text format and OpenMetrics differ in how a counter family is named and
// in the closing line.
func TestFormats(t *testing.T) {
	write := func(f Format) string {
		w := &writer{f: f}
		w.family("pidtop_x_total", counter, "Things, with a \\ and\na newline.")
		w.sample("pidtop_x_total", 3, label{"group", "a"})
		w.family("pidtop_y_bytes", gauge, "Bytes.")
		w.sample("pidtop_y_bytes", 1.5)
		w.end()
		return string(w.b)
	}
	text := write(Text)
	wantText := "# HELP pidtop_x_total Things, with a \\\\ and\\na newline.\n# TYPE pidtop_x_total counter\n" +
		"pidtop_x_total{group=\"a\"} 3\n# HELP pidtop_y_bytes Bytes.\n# TYPE pidtop_y_bytes gauge\npidtop_y_bytes 1.5\n"
	if text != wantText {
		t.Errorf("text:\n%s\nwant\n%s", text, wantText)
	}
	fams := parseText(t, []byte(text))
	if fams["pidtop_x_total"].GetType() != dto.MetricType_COUNTER || fams["pidtop_x_total"].GetHelp() != "Things, with a \\ and\na newline." {
		t.Errorf("parsed %v", fams["pidtop_x_total"])
	}
	om := write(OpenMetrics)
	if !strings.Contains(om, "# TYPE pidtop_x counter\npidtop_x_total{group=\"a\"} 3\n") || !strings.HasSuffix(om, "# EOF\n") {
		t.Errorf("OpenMetrics:\n%s", om)
	}
}
