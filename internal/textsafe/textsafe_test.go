package textsafe

import (
	"testing"
	"unicode"
)

func TestMustEscape(t *testing.T) {
	cases := []struct {
		class string
		runes []rune
		want  bool
	}{
		{"C0 controls, DEL", []rune{0x00, 0x07, 0x1b, 0x1f, 0x7f}, true},
		{"C1 controls", []rune{0x80, 0x85, 0x9b, 0x9f}, true},
		{"line, paragraph separators", []rune{0x2028, 0x2029}, true},
		{"zero-width space, joiners, marks", []rune{0x200b, 0x200c, 0x200d, 0x200e, 0x200f}, true},
		{"soft hyphen, ALM, Mongolian vowel separator", []rune{0x00ad, 0x061c, 0x180e}, true},
		{"bidi embeddings, overrides, isolates", []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}, true},
		{"word joiner, invisible operators, deprecated formats", []rune{0x2060, 0x2061, 0x2064, 0x206a, 0x206f}, true},
		{"BOM, interlinear annotation", []rune{0xfeff, 0xfff9, 0xfffb}, true},
		{"combining grapheme joiner", []rune{0x034f}, true},
		{"Hangul fillers", []rune{0x115f, 0x1160, 0x3164, 0xffa0}, true},
		{"Khmer inherent vowels", []rune{0x17b4, 0x17b5}, true},
		{"reserved default-ignorables", []rune{0x2065, 0xfff0, 0xfff8, 0xe0000, 0xe0002, 0xe0080, 0xe01f0, 0xe0fff}, true},
		{"variation selectors", []rune{0x180b, 0x180c, 0x180d, 0x180f, 0xfe00, 0xfe0e, 0xfe0f, 0xe0100, 0xe01ef}, true},
		{"tag characters", []rune{0xe0001, 0xe0020, 0xe0041, 0xe007f}, true},
		{"prepended concatenation marks, other Cf", []rune{0x0600, 0x06dd, 0x070f, 0x08e2, 0x110bd, 0x13430, 0x1bca0, 0x1d173}, true},
		{"noncharacters", []rune{0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff}, true},
		{"printable ASCII", []rune{' ', 'a', '~', '/'}, false},
		{"letters, marks, CJK, emoji", []rune{0xe9, 0x0301, 0x0336, 0x05d0, 0x0915, 0x65e5, 0xac00, 0x1f600, 0x1f1e6}, false},
		{"blank but visible", []rune{0xa0, 0x2000, 0x202f, 0x3000, 0x2800}, false},
		{"box drawing, ellipsis, replacement", []rune{0x2500, 0x2026, 0xfffd}, false},
		{"private use", []rune{0xe000, 0xf8ff, 0xf0000}, false},
	}
	for _, c := range cases {
		for _, r := range c.runes {
			if got := MustEscape(r); got != c.want {
				t.Errorf("%s: MustEscape(%U) = %v, want %v", c.class, r, got, c.want)
			}
		}
	}
}

// The shortcuts in MustEscape skip the tables only where they hold no member,
// and every default-ignorable code point is escaped.
func TestMustEscapeMatchesTables(t *testing.T) {
	tables := []*unicode.RangeTable{unicode.Cc, unicode.Zl, unicode.Zp, unicode.Cf,
		unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector, unicode.Noncharacter_Code_Point}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := unicode.IsOneOf(tables, r); MustEscape(r) != want {
			t.Errorf("MustEscape(%U) = %v, the tables say %v", r, !want, want)
		}
		if defaultIgnorable(r) && !MustEscape(r) {
			t.Errorf("default-ignorable %U is not escaped", r)
		}
	}
}

// defaultIgnorable is Unicode's derived Default_Ignorable_Code_Point, built
// from its definition in DerivedCoreProperties.txt.
func defaultIgnorable(r rune) bool {
	if unicode.Is(unicode.White_Space, r) || r >= 0xfff9 && r <= 0xfffb || r >= 0x13430 && r <= 0x13440 ||
		unicode.Is(unicode.Prepended_Concatenation_Mark, r) {
		return false
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r)
}
