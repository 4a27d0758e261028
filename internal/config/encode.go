package config

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// header opens every file pidtop writes. It tells a reader what the file is
// and the two rules that keep their edits safe.
const header = `# pidtop settings (TOML). pidtop rewrites this file when a setting changes in
# the viewer and on quit, but never over a file that changed since pidtop read
# it or that does not parse: edit it freely, then restart pidtop. A key left
# out takes its default; pidtop's README lists every key with its default.
`

// encode is the whole file for s: the header, then every key of the option
// tables with its comment, in table order.
func encode(s Settings) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, o := range options {
		encodeOption(&b, o, &s)
	}
	return b.Bytes()
}

// encodeOption writes one option of s with its comment.
func encodeOption(b *bytes.Buffer, o option, s *Settings) {
	switch p := o.ptr(s).(type) {
	case *[]Screen:
		fmt.Fprintf(b, "\n# %s\n", o.doc)
		for i, sc := range *p {
			if i > 0 {
				b.WriteByte('\n')
			}
			encodeScreen(b, sc)
		}
	case *Exporter:
		var t strings.Builder
		encodeExporter(&t, *p)
		fmt.Fprintf(b, "\n# %s\n%s", o.doc, t.String())
	case *[]Meter:
		fmt.Fprintf(b, "\n# %s\n%s = %s\n", o.doc, o.key, meters(*p))
	default:
		fmt.Fprintf(b, "\n# %s\n%s = %s\n", o.doc, o.key, scalar(p))
	}
}

func encodeScreen(b *bytes.Buffer, sc Screen) {
	b.WriteString("[[screens]]\n")
	for _, o := range screenOptions {
		fmt.Fprintf(b, "# %s\n%s = %s\n", o.doc, o.key, scalar(o.ptr(&sc)))
	}
}

// scalar is the TOML for a pointer to a bool, int, string or []string.
func scalar(p any) string {
	switch v := p.(type) {
	case *bool:
		return strconv.FormatBool(*v)
	case *int:
		return strconv.Itoa(*v)
	case *string:
		return quote(*v)
	case *[]string:
		q := make([]string, len(*v))
		for i, s := range *v {
			q[i] = quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	panic(fmt.Sprintf("config: no encoding for %T", p)) // a new option type without a case here
}

// meters writes one inline table per line, so a meter is added, removed or
// moved by editing one line.
func meters(ms []Meter) string {
	if len(ms) == 0 {
		return "[]"
	}
	var b strings.Builder
	b.WriteString("[\n")
	for _, m := range ms {
		b.WriteString("  {")
		for i, o := range meterOptions {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %s = %s", o.key, scalar(o.ptr(&m)))
		}
		b.WriteString(" },\n")
	}
	b.WriteString("]")
	return b.String()
}

// quote is a TOML basic string. strconv.Quote would not do: TOML has no \x,
// \a or \v escapes. Invalid UTF-8, which TOML forbids, becomes U+FFFD.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
