package ui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// maxMarks is how many code points Sanitize keeps after the first of one
// grapheme cluster: a letter and its combining marks, or a run of Hangul jamo.
// Written text needs few: Vietnamese stacks two marks, pointed Hebrew and
// Indic vowel signs three or four, a decomposed Hangul syllable two. More are
// "zalgo" text, which terminals smear over the rows above and below, and a
// cluster over 128 bytes is drawn by tcell as "?" (its encoder's buffer), so
// the letter under the marks was lost. Four keeps real text whole and every
// cluster within 20 bytes.
const maxMarks = 4

// Sanitize makes text a process controls (its name, command line, user name, paths)
// safe to draw: it can no longer move the cursor, change colours, reorder the
// line, hide characters or pass for other text. C0 control bytes and DEL become
// caret notation (ESC is "^["); every other code point textsafe.MustEscape
// names (C1 controls, bidirectional controls, zero-width and other
// default-ignorable code points, variation selectors) becomes "\uXXXX", or
// "\UXXXXXXXX" beyond the BMP; invalid UTF-8 becomes U+FFFD. A grapheme
// cluster of more than maxMarks+1 code points keeps its first maxMarks+1 and
// then says how many it dropped ("Z̶̶̶̶…+196"); one that starts with a mark,
// which has no letter to be drawn on, is escaped. Text needing none of this is
// returned as is, without allocating.
//
// It is the one sanitizer of the package: every string that reaches the screen
// from a snapshot or from /proc passes through it, and -b prints through it.
func Sanitize(s string) string {
	ascii, ok := cleanRunes(s)
	if ok && (ascii || cleanClusters(s)) {
		return s
	}
	if !ok {
		s = escapeRunes(s)
		if cleanClusters(s) {
			return s
		}
	}
	return capClusters(s)
}

// clean reports whether Sanitize returns s as it is.
func clean(s string) bool {
	ascii, ok := cleanRunes(s)
	return ok && (ascii || cleanClusters(s))
}

// cleanRunes reports whether s is valid UTF-8 without a code point to escape
// (ok), and whether it is all ASCII.
func cleanRunes(s string) (ascii, ok bool) {
	ascii = true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false, false
			}
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || textsafe.MustEscape(r) {
			return false, false
		}
		i += size
	}
	return ascii, true
}

// escapeRunes replaces the code points to escape and invalid UTF-8.
func escapeRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c < 0x20:
				b.WriteByte('^')
				b.WriteByte(c + '@')
			case c == 0x7f:
				b.WriteString("^?")
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case textsafe.MustEscape(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func writeEscape(b *strings.Builder, r rune) {
	if r > 0xffff {
		fmt.Fprintf(b, `\U%08x`, r)
		return
	}
	fmt.Fprintf(b, `\u%04x`, r)
}

// cleanClusters reports whether every grapheme cluster of s, which holds no
// code point to escape, is kept whole.
func cleanClusters(s string) bool {
	state := -1
	for first := true; s != ""; first = false {
		if s[0] < utf8.RuneSelf && (len(s) == 1 || s[1] < utf8.RuneSelf) {
			s, state = s[1:], -1 // two printable ASCII characters never join
			continue
		}
		var c string
		c, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		if utf8.RuneCountInString(c) > maxMarks+1 || first && !startsVisible(c) {
			return false
		}
	}
	return true
}

// startsVisible reports whether cluster c starts with a code point that takes
// a column. Only the first cluster of a text can start with a mark: elsewhere a
// mark joins what precedes it, and the controls it would not join are escaped.
func startsVisible(c string) bool {
	_, n := utf8.DecodeRuneInString(c)
	return uniseg.StringWidth(c[:n]) > 0
}

// capClusters rewrites the clusters of s (its code points already escaped)
// that cleanClusters refuses.
func capClusters(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	state := -1
	for first := true; s != ""; first = false {
		var c string
		c, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		n := utf8.RuneCountInString(c)
		switch {
		case n <= maxMarks+1 && (!first || startsVisible(c)):
			b.WriteString(c)
		case startsVisible(c) && writeCapped(&b, c, n):
		default:
			writeEscaped(&b, c, n)
		}
	}
	return b.String()
}

// dropped is what follows a cluster cut short: how many code points it lost.
func dropped(n int) string { return "…+" + strconv.Itoa(n) }

// writeCapped writes the longest prefix of cluster c, of n code points, up to
// maxMarks+1, that the marker after it does not join (a prepended letter
// would take it in), and the marker. It reports false when no prefix will do.
func writeCapped(b *strings.Builder, c string, n int) bool {
	ends := make([]int, 0, maxMarks+1)
	for i := range c {
		if i > 0 {
			ends = append(ends, i)
		}
		if len(ends) == maxMarks+1 {
			break
		}
	}
	for k := len(ends); k > 0; k-- {
		prefix := c[:ends[k-1]]
		mark := dropped(n - k)
		if first, _, _, _ := uniseg.FirstGraphemeClusterInString(prefix+mark, -1); first == prefix {
			b.WriteString(prefix)
			b.WriteString(mark)
			return true
		}
	}
	return false
}

// writeEscaped writes the first maxMarks+1 code points of cluster c, of n,
// escaped, and the marker if it had more.
func writeEscaped(b *strings.Builder, c string, n int) {
	k := 0
	for _, r := range c {
		if k == maxMarks+1 {
			break
		}
		writeEscape(b, r)
		k++
	}
	if n > k {
		b.WriteString(dropped(n - k))
	}
}
