package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/textsafe"
)

// A CSV field never carries a code point a terminal acts on or hides, nor a
// line end, and quotes exactly when RFC 4180 needs it (and around edge
// spaces and the empty text).
func TestCSVTextEscapes(t *testing.T) {
	cases := []struct{ class, in, want string }{
		{"plain", "sshd", `sshd`},
		{"inner space", "sshd -D", `sshd -D`},
		{"empty", "", `""`},
		{"edge spaces", " a ", `" a "`},
		{"comma", "a,b", `"a,b"`},
		{"quote", `a"b`, `"a""b"`},
		{"CR LF", "a\r\nb", `a\u000d\u000ab`},
		{"ESC, BEL, DEL", "\x1b[2J\x07\x7f", `\u001b[2J\u0007\u007f`},
		{"C1 CSI", "a\u009bb", `a\u009bb`},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"zero-width space", "s\u200bshd", `s\u200bshd`},
		{"bidi override, isolate", "\u202e\u2066", `\u202e\u2066`},
		{"tag character", "\U000e0041", `\U000e0041`},
		{"backslash stays", `C:\bin`, `C:\bin`},
		{"all at once", "a,\"b\n\x1b\u200b", `"a,""b\u000a\u001b\u200b"`},
		{"letters, marks, CJK, emoji pass", "ünï e\u0301 日本 \U0001f600", "ünï e\u0301 日本 \U0001f600"},
	}
	for _, c := range cases {
		if got := string(appendCSVText(nil, c.in)); got != c.want {
			t.Errorf("%s: %q writes as %s, want %s", c.class, c.in, got, c.want)
		}
	}
}

// csvUnescape undoes the \u and \U escapes of appendCSVText.
func csvUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == 'u' && i+6 <= len(s) || s[i+1] == 'U' && i+10 <= len(s)) {
			n := 4
			if s[i+1] == 'U' {
				n = 8
			}
			if r, err := strconv.ParseUint(s[i+2:i+2+n], 16, 32); err == nil {
				b.WriteRune(rune(r))
				i += 1 + n
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Whatever the text, a record of it is one line that a CSV reader reads back
// as exactly the fields written, with no code point to escape left raw, and
// the escapes undo to the text (invalid UTF-8 as U+FFFD).
func FuzzCSVRecord(f *testing.F) {
	for _, s := range []string{"", "sshd", "a,b", `"`, "\r\n", "\x1b[31m", "\u202eevil", " x ", "a\xff",
		"\U000e0041", `x\u0041`, "\"\"", ",,,", "\n\"\n"} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		rec := appendCSVText(append(appendCSVText(nil, a), ','), b)
		rec = append(rec, '\r', '\n')
		if bytes.IndexAny(rec[:len(rec)-2], "\r\n") >= 0 {
			t.Fatalf("record of %q, %q spans lines: %q", a, b, rec)
		}
		for _, r := range string(rec[:len(rec)-2]) {
			if textsafe.MustEscape(r) {
				t.Fatalf("record of %q, %q has %U raw: %q", a, b, r, rec)
			}
		}
		got, err := csv.NewReader(bytes.NewReader(rec)).ReadAll()
		if err != nil || len(got) != 1 || len(got[0]) != 2 {
			t.Fatalf("record of %q, %q reads as %q, %v", a, b, got, err)
		}
		for i, in := range []string{a, b} {
			if strings.Contains(in, `\`) {
				continue // a literal "\u0041" is not told from an escape: JSON is the exact form
			}
			if want := strings.ToValidUTF8(in, "\ufffd"); csvUnescape(got[0][i]) != want && utf8.ValidString(in) {
				t.Errorf("field %q reads back as %q", in, got[0][i])
			}
		}
	})
}
