package export

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// A JSON string never carries a code point a terminal acts on or hides, so a
// user who cats the output sees it escaped; the decoded value is still the
// real one.
func TestJSONStringEscapesInvisibles(t *testing.T) {
	cases := []struct{ class, in, want string }{
		{"plain", "sshd -D", `"sshd -D"`},
		{"quote, backslash", `a"b\c`, `"a\"b\\c"`},
		{"C0, DEL", "\x1b[2J\x7f", `"\u001b[2J\u007f"`},
		{"C1 CSI", "a\u009bb", `"a\u009bb"`},
		{"invalid UTF-8", "a\xffb", `"a\ufffdb"`},
		{"zero-width space", "s\u200bshd", `"s\u200bshd"`},
		{"joiners, BOM, soft hyphen, CGJ", "\u200d\u200c\ufeff\u00ad\u034f", `"\u200d\u200c\ufeff\u00ad\u034f"`},
		{"bidi override, isolate, mark", "\u202e\u2066\u200f", `"\u202e\u2066\u200f"`},
		{"line separators", "\u2028\u2029", `"\u2028\u2029"`},
		{"Hangul filler, variation selector", "\u3164\ufe0f", `"\u3164\ufe0f"`},
		{"tag character, supplementary selector", "\U000e0041\U000e0100", `"\udb40\udc41\udb40\udd00"`},
		{"letters, marks, CJK, emoji pass", "ünï e\u0301 日本 \U0001f600", "\"ünï e\u0301 日本 \U0001f600\""},
	}
	for _, c := range cases {
		got := string(appendJSONString(nil, c.in))
		if got != c.want {
			t.Errorf("%s: %q encodes as %s, want %s", c.class, c.in, got, c.want)
		}
		for _, r := range got {
			if textsafe.MustEscape(r) {
				t.Errorf("%s: %q encodes with %U raw", c.class, c.in, r)
			}
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%s: %s does not decode: %v", c.class, got, err)
		} else if utf8.ValidString(c.in) && back != c.in {
			t.Errorf("%s: %s decodes as %q, want %q", c.class, got, back, c.in)
		}
	}
}
