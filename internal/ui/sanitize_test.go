package ui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/pidtop/pidtop/internal/textsafe"
)

func TestSanitize(t *testing.T) {
	marks := func(n int) string { return strings.Repeat("\u0336", n) }
	cases := []struct{ class, in, want string }{
		{"plain", "plain /usr/bin/vim -R", "plain /usr/bin/vim -R"},
		{"empty", "", ""},
		{"C0 escape sequence", "\x1b[2J", "^[[2J"},
		{"C0 whitespace", "a\tb\nc\rd", "a^Ib^Jc^Md"},
		{"NUL, DEL", "nul\x00del\x7f", "nul^@del^?"},
		{"C1 CSI", "csi\u009b31m", `csi\u009b31m`},
		{"invalid UTF-8", "bad\xff\xfeutf8", "bad\uFFFD\uFFFDutf8"},
		{"bidi override", "evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"bidi isolates, marks, ALM", "a\u2066b\u2069c\u200fd\u061c", `a\u2066b\u2069c\u200fd\u061c`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"zero-width space", "s\u200bshd", `s\u200bshd`},
		{"zero-width joiners", "s\u200dsh\u200cd", `s\u200dsh\u200cd`},
		{"BOM, word joiner", "\ufeffss\u2060hd", `\ufeffss\u2060hd`},
		{"soft hyphen", "ss\u00adhd", `ss\u00adhd`},
		{"combining grapheme joiner", "ss\u034fhd", `ss\u034fhd`},
		{"Hangul fillers", "a\u3164b\uffa0c\u115fd\u1160", `a\u3164b\uffa0c\u115fd\u1160`},
		{"Mongolian vowel separator, Khmer inherent vowel", "a\u180eb\u17b4", `a\u180eb\u17b4`},
		{"variation selectors", "\u2764\ufe0f x\ufe0e", `` + "\u2764" + `\ufe0f x\ufe0e`},
		{"supplementary variation selector", "\u845b\U000e0100", "\u845b" + `\U000e0100`},
		{"tag characters", "\U0001f3f4\U000e0067\U000e007f", "\U0001f3f4" + `\U000e0067\U000e007f`},
		{"noncharacter", "a\ufffeb", `a\ufffeb`},
		{"joiner inside an emoji sequence", "\U0001f468\u200d\U0001f469", "\U0001f468" + `\u200d` + "\U0001f469"},
		{"CJK, accents", "日本語 ünïcode e\u0301te", "日本語 ünïcode e\u0301te"},
		{"flags, skin tones", "\U0001f1eb\U0001f1f7 \U0001f44d\U0001f3fd", "\U0001f1eb\U0001f1f7 \U0001f44d\U0001f3fd"},
		{"combining marks at the cap", "Z" + marks(4) + "!", "Z" + marks(4) + "!"},
		{"combining marks over the cap", "Z" + marks(5) + "!", "Z" + marks(4) + "…+1!"},
		{"zalgo", "Z" + marks(200) + " --flag", "Z" + marks(4) + "…+196 --flag"},
		{"marks on an escaped control", "\n" + marks(200), "^J" + marks(4) + "…+196"},
		{"marks on invalid UTF-8", "\xff" + marks(9), "\uFFFD" + marks(4) + "…+5"},
		{"marks with no base", marks(2) + "x", `\u0336\u0336x`},
		{"many marks with no base", marks(200), strings.Repeat(`\u0336`, 5) + "…+195"},
		{"Hangul leading jamo run", strings.Repeat("\u1100", 7), strings.Repeat("\u1100", 5) + "…+2"},
		{"prepended letters", strings.Repeat("\u0d4e", 7) + "a", strings.Repeat(`\u0d4e`, 5) + "…+3"},
	}
	for _, c := range cases {
		got := Sanitize(c.in)
		if got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", c.class, c.in, got, c.want)
		}
		checkSanitized(t, c.in, got)
	}
}

// checkSanitized fails the test unless out, the sanitized in, is what a
// terminal can show faithfully: valid UTF-8, no code point that must be
// escaped, every grapheme cluster starting with a visible code point and
// capped, and nothing Sanitize would change again.
func checkSanitized(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) || !clean(out) || Sanitize(out) != out {
		t.Errorf("Sanitize(%q) = %q is not clean", in, out)
	}
	for _, r := range out {
		if textsafe.MustEscape(r) {
			t.Errorf("Sanitize(%q) = %q passes %U through", in, out, r)
		}
	}
	for rest, state := out, -1; rest != ""; {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		first, _ := utf8.DecodeRuneInString(c)
		if n := utf8.RuneCountInString(c); n > maxMarks+1 || uniseg.StringWidth(string(first)) == 0 {
			t.Errorf("Sanitize(%q) = %q has the cluster %q (%d code points)", in, out, c, n)
		}
	}
}

func TestSanitizeCleanDoesNotAllocate(t *testing.T) {
	for _, s := range []string{"/usr/lib/firefox/firefox -contentproc -childID 3", "日本語 e\u0301te ─ …"} {
		if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
			t.Errorf("Sanitize of clean %q allocates %v times", s, n)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add("\x1b[2J\x9b\xc2\x9b")
	f.Add("s\u200bshd\ufeff\u00ad\u034f\u200d")
	f.Add("Z" + strings.Repeat("\u0336", 40))
	f.Add("\u0336\u0903\u0d4e\u0d4e\u1100\u1161\u11a8\U0001f1eb\U0001f1f7\U0001f44d\U0001f3fd\ufe0f")
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		checkSanitized(t, s, got)
		if clean(s) && got != s {
			t.Errorf("clean %q changed to %q", s, got)
		}
	})
}

// Text built from code points that form clusters with their neighbours (marks,
// spacing marks, prepended letters, Hangul jamo, regional indicators, emoji
// modifiers and joiners) next to ones that are escaped: the random fuzzer
// rarely builds these.
func TestSanitizeMixtures(t *testing.T) {
	pool := []string{"a", "Z", " ", "1", "+", "…", "\n", "\x1b", "\xff", "\u0336", "\u0301", "\u05b4", "\u0903",
		"\u093f", "\u0915", "\u094d", "\u0e33", "\u0f90", "\u0d4e", "\U000111c2", "\u0600", "\u1100", "\u1161",
		"\u11a8", "\uac00", "\uac01", "\U0001f1eb", "\U0001f44d", "\U0001f3fd", "\U0001f468", "\u2764", "\u200d",
		"\u200b", "\u00ad", "\u034f", "\ufe0f", "\U000e0041", "日"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(14) {
			p := pool[rng.IntN(len(pool))]
			b.WriteString(strings.Repeat(p, 1+rng.IntN(3)*rng.IntN(4)))
		}
		if checkSanitized(t, b.String(), Sanitize(b.String())); t.Failed() {
			return
		}
	}
}

func BenchmarkSanitizeClean(b *testing.B) {
	for _, s := range []string{"/usr/lib/firefox/firefox -contentproc -childID 3", "/opt/日本語/bin/ツール --名前 e\u0301te"} {
		b.Run("", func(b *testing.B) {
			for b.Loop() {
				_ = Sanitize(s)
			}
		})
	}
}
