package config

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/pidtop/pidtop/internal/field"
)

// FuzzLoad feeds the parser any bytes. Whatever it makes of them must be
// settings the rest of pidtop can trust, with problems that point into the
// file, and must come back unchanged through the writer.
func FuzzLoad(f *testing.F) {
	if sample, err := os.ReadFile("sample.toml"); err == nil {
		f.Add(sample)
	}
	f.Add([]byte(handEdited))
	for _, c := range badEntries {
		f.Add([]byte(c.text))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, probs, ok := parse("f", data)
		lines := 1 + bytes.Count(data, []byte("\n"))
		for _, p := range probs {
			if p.File != "f" || p.Line < 0 || p.Line > lines || p.Msg == "" {
				t.Fatalf("problem %#v points outside the %d-line file", p, lines)
			}
		}
		if !ok {
			if len(probs) != 1 || !reflect.DeepEqual(s, Defaults()) {
				t.Fatalf("unparsed: %d problems, settings %+v", len(probs), s)
			}
			return
		}
		checkValid(t, s)
		again, probs, ok := parse("f", encode(s))
		if !ok || len(probs) > 0 || !reflect.DeepEqual(again, s) {
			t.Fatalf("round trip: %v %v\n%+v\nwant\n%+v\nfile:\n%s", ok, probs, again, s, encode(s))
		}
	})
}

// checkValid fails unless every value of s is one the loader accepts.
func checkValid(t *testing.T, s Settings) {
	t.Helper()
	names := screenNames(s.Screens)
	if len(s.Screens) == 0 || !slices.Contains(names, s.ActiveScreen) {
		t.Fatalf("active screen %q not among %q", s.ActiveScreen, names)
	}
	for i, sc := range s.Screens {
		if slices.Contains(names[:i], sc.Name) || sc.Name == "" || len(sc.Columns) == 0 {
			t.Fatalf("screen %d: %+v", i, sc)
		}
		for _, id := range append(slices.Clone(sc.Columns), sc.SortKey) {
			if f, ok := field.Lookup(id); !ok || f.ID != id {
				t.Fatalf("screen %q: %q is not a field ID", sc.Name, id)
			}
		}
	}
	for _, m := range append(slices.Clone(s.Left), s.Right...) {
		if !slices.Contains(MeterNames, m.Name) || !slices.Contains(MeterModes, m.Mode) {
			t.Fatalf("meter %+v", m)
		}
	}
	if !slices.Contains(ColorSchemes, s.ColorScheme) || s.Delay < minDelay || s.Delay > maxDelay ||
		s.HighlightSeconds < minHighlight || s.HighlightSeconds > maxHighlight || s.Grace < minGrace || s.Grace > maxGrace {
		t.Fatalf("out of range: %+v", s)
	}
}

// FuzzPatch edits any file that parses the way the viewer would (a value,
// a screen's sort, a screen added) and saves by patching it. Patching never
// panics, and what it writes decodes to the edited settings (patch checks
// that itself and declines otherwise; this makes sure it never claims more).
func FuzzPatch(f *testing.F) {
	if sample, err := os.ReadFile("sample.toml"); err == nil {
		f.Add(sample)
	}
	f.Add([]byte(handEdited))
	f.Add([]byte(handWritten))
	f.Fuzz(func(t *testing.T, data []byte) {
		old, _, ok := parse("f", data)
		if !ok {
			return
		}
		for _, edit := range []func(*Settings){
			func(s *Settings) { s.Delay = minDelay + (s.Delay+7)%(maxDelay-minDelay) },
			func(s *Settings) { s.Screens[0].SortKey, s.Screens[0].Tree = "pid", !s.Screens[0].Tree },
			func(s *Settings) {
				s.Screens = append(s.Screens, Screen{Name: "x\n\"", Columns: []string{"pid"}, SortKey: "pid"})
			},
		} {
			s, _, _ := parse("f", encode(old)) // a copy that shares nothing with old
			edit(&s)
			out, ok := patch(data, old, s)
			if !ok {
				continue
			}
			got, _, parsed := parse("f", out)
			if !parsed || !bytes.Equal(encode(got), encode(s)) {
				t.Fatalf("patched file does not decode to the edit:\n%s", out)
			}
		}
	})
}
