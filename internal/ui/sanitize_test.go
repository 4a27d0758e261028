package ui

import (
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain /usr/bin/vim -R", "plain /usr/bin/vim -R"},
		{"\x1b[2J", "^[[2J"},
		{"a\tb\nc\rd", "a^Ib^Jc^Md"},
		{"nul\x00del\x7f", "nul^@del^?"},
		{"csi\u009b31m", `csi\u009b31m`},
		{"bad\xff\xfeutf8", "bad\uFFFD\uFFFDutf8"},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"日本語 ünïcode", "日本語 ünïcode"},
		{"", ""},
	}
	for _, c := range cases {
		got := Sanitize(c.in)
		if got != c.want {
			t.Errorf("Sanitize(%q) = %q, want %q", c.in, got, c.want)
		}
		if !utf8.ValidString(got) || !clean(got) {
			t.Errorf("Sanitize(%q) = %q is not clean", c.in, got)
		}
	}
}

func TestSanitizeCleanDoesNotAllocate(t *testing.T) {
	s := "/usr/lib/firefox/firefox -contentproc -childID 3"
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize of clean text allocates %v times", n)
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add("\x1b[2J\x9b\xc2\x9b")
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		if !utf8.ValidString(got) || !clean(got) {
			t.Errorf("Sanitize(%q) = %q is not clean", s, got)
		}
	})
}
