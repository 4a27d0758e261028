package textsafe

import "unicode"

// MustEscape reports whether r may not be written as itself: a terminal either
// acts on it or draws nothing for it, so text holding it can move the cursor,
// reorder what follows, or pass for other text ("s\u200bshd" for "sshd").
//
// The set is C0 and C1 controls and DEL; the line and paragraph separators;
// every format character (Cf: soft hyphen, zero-width space, joiners, bidi
// marks, embeddings, overrides and isolates, word joiner, invisible operators,
// BOM, tag characters, Mongolian vowel separator, interlinear annotation);
// Unicode's other default-ignorable code points (combining grapheme joiner,
// Hangul fillers, Khmer inherent vowels, the reserved ignorable blocks); the
// variation selectors (U+FE00–FE0F, U+E0100–E01EF, Mongolian FVS); and the
// noncharacters. Together these hold all of Default_Ignorable_Code_Point.
//
// Zero-width joiners are escaped inside emoji sequences too: a family emoji
// shows as its members with "\u200d" between them, because a joiner between
// two ordinary letters is invisible and one rule for every position is the
// one that cannot be talked round. Blank but visible characters (no-break
// and ideographic spaces, the braille blank) take a column like a space and
// are left alone.
func MustEscape(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true
	case r < 0xad:
		return false
	case r > 0x206f && r < 0xfdd0 && r != 0x3164:
		// No member lies here, and CJK, Hangul syllables, box drawing and
		// most symbols do: skip the table lookups for them.
		return false
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Noncharacter_Code_Point, r)
}
