package export

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// encoding is the output whose rules appendSafe writes text by.
type encoding uint8

const (
	// encJSON: inside a JSON string; a quote and a backslash get a backslash,
	// escapes are JSON's \uXXXX (a surrogate pair beyond the BMP).
	encJSON encoding = iota
	// encCSV: inside a CSV field; a quote is doubled, escapes are "\uXXXX"
	// or "\UXXXXXXXX", as the viewer writes them.
	encCSV
)

// appendSafe appends s, which a process controls, by enc's rules: control
// bytes and every code point textsafe.MustEscape names become escapes, and
// invalid UTF-8 becomes U+FFFD (in JSON its escape), so nothing in it can act on, or hide in, a
// terminal that shows the output. The caller writes the quotes around it.
func appendSafe(b []byte, s string, enc encoding) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' && enc == encCSV:
				b = append(b, '"', '"')
			case (c == '"' || c == '\\') && enc == encJSON:
				b = append(b, '\\', c)
			case c < 0x20 || c == 0x7f:
				b = appendEscape(b, rune(c), enc)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1 && enc == encJSON:
			b = append(b, `\ufffd`...)
		case r == utf8.RuneError && size == 1:
			b = utf8.AppendRune(b, utf8.RuneError)
		case textsafe.MustEscape(r):
			b = appendEscape(b, r, enc)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// appendEscape appends r as enc's escape: "\uXXXX", and beyond the BMP a
// UTF-16 surrogate pair of them (JSON) or "\UXXXXXXXX" (CSV).
func appendEscape(b []byte, r rune, enc encoding) []byte {
	const hex = "0123456789abcdef"
	if r > 0xffff {
		if enc == encJSON {
			hi, lo := utf16.EncodeRune(r)
			return appendEscape(appendEscape(b, hi, enc), lo, enc)
		}
		b = append(b, '\\', 'U')
		for shift := 28; shift >= 0; shift -= 4 {
			b = append(b, hex[r>>shift&0xf])
		}
		return b
	}
	return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}
