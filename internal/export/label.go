package export

import (
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// maxLabelBytes bounds a label value as written (before the format's own
// escapes): a cgroup path can run to kilobytes, and a dashboard has no use
// for more than this. A longer value is cut at a character and ends in "…".
const maxLabelBytes = 256

// appendLabelValue writes s, a name or path a process controls, as the inside
// of a quoted label value. Two layers: first the rule every output of pidtop
// shares (textsafe): invalid UTF-8 becomes U+FFFD and a code point a terminal
// would act on or not show (ESC, newline, bidi controls) becomes a visible
// \u escape, so a value shown by a dashboard or a terminal is what it says;
// then the exposition format's escapes for backslash and double quote (a
// newline can no longer occur). Nothing in s can end the value, the line or
// the sample early. Two names that differ only in what was escaped may write
// the same value: their series merge, they never multiply.
func appendLabelValue(b []byte, s string) []byte {
	start := len(b)
	for i := 0; i < len(s); {
		if len(b)-start >= maxLabelBytes {
			return append(b, "…"...)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...)
		case r == '\\':
			b = append(b, `\\`...)
		case r == '"':
			b = append(b, `\"`...)
		case textsafe.MustEscape(r):
			b = appendRuneEscape(b, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// appendRuneEscape writes r as the text \uXXXX (or \UXXXXXXXX), its
// backslash escaped for the format.
func appendRuneEscape(b []byte, r rune) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, `\\`...)
	n := 4
	if r > 0xFFFF {
		b = append(b, 'U')
		n = 8
	} else {
		b = append(b, 'u')
	}
	for shift := 4 * (n - 1); shift >= 0; shift -= 4 {
		b = append(b, hex[(r>>shift)&0xF])
	}
	return b
}
