package config

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// tableHeader matches a line that opens a table or an array of tables.
var tableHeader = regexp.MustCompile(`^\s*\[\[?[^\[\]=]+\]\]?\s*(#.*)?\r?\n?$`)

// patch rewrites only what changed from old to s in raw, a file the user wrote
// or edited (raw decodes to old): each changed key's value is replaced where it
// stands, a key the file lacks is added, and everything else — comments, blank
// lines, order, keys pidtop does not know (a newer version's, say) — stays as
// the user left it. ok is false when the change cannot be made that way (the
// screens written as an inline array, an option kind patch does not know) or
// when the result would not decode to s; the caller then writes the whole file.
func patch(raw []byte, old, s Settings) (out []byte, ok bool) {
	raw = bytes.TrimPrefix(raw, bom)
	pos := index(raw)
	lines := splitLines(raw)
	var ed editor
	firstTable := len(lines) // index of the first table header's line, 0-based
	for _, l := range pos {
		if l-1 < firstTable && l > 0 && l <= len(lines) && tableHeader.MatchString(lines[l-1]) {
			firstTable = l - 1
		}
	}
	for _, o := range options {
		if scr, isScreens := o.ptr(&s).(*[]Screen); isScreens {
			if !patchScreens(&ed, lines, pos, old.Screens, *scr) {
				return nil, false
			}
			continue
		}
		before, ok1 := valueText(o.ptr(&old))
		after, ok2 := valueText(o.ptr(&s))
		if !ok1 || !ok2 {
			// A table patch does not edit key by key (the exporter's):
			// unchanged, it stays as the user wrote it; changed, the whole
			// file is written.
			var b1, b2 bytes.Buffer
			encodeOption(&b1, o, &old)
			encodeOption(&b2, o, &s)
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				return nil, false
			}
			continue
		}
		if before == after {
			continue
		}
		if l, found := pos[o.key]; found {
			if !ed.replace(lines, l-1, o.key+" = "+after) {
				return nil, false
			}
		} else {
			// Top-level keys go before the first table: after it they would be
			// that table's.
			ed.insert(firstTable, "# "+o.doc+"\n"+o.key+" = "+after+"\n")
		}
	}
	out = ed.apply(lines)
	got, _, parsed := parse("", out)
	if !parsed || !bytes.Equal(encode(got), encode(s)) {
		return nil, false
	}
	return out, true
}

// patchScreens changes the [[screens]] tables from old to now: key by key when
// the file has one table per screen, else (a screen added or removed) every
// table replaced by the new ones at the place of the first.
func patchScreens(ed *editor, lines []string, pos positions, old, now []Screen) bool {
	n := 0
	for ; ; n++ {
		if _, ok := pos[screenPath(n)]; !ok {
			break
		}
	}
	if _, inline := pos["screens"]; inline {
		return false // screens = [ {...} ]: not tables to patch
	}
	if n == len(old) && len(old) == len(now) {
		for i := range now {
			header := pos[screenPath(i)] - 1
			for _, o := range screenOptions {
				before, after := scalar(o.ptr(&old[i])), scalar(o.ptr(&now[i]))
				if before == after {
					continue
				}
				if l, found := pos[screenPath(i)+"."+o.key]; found {
					if !ed.replace(lines, l-1, o.key+" = "+after) {
						return false
					}
				} else {
					ed.insert(header+1, o.key+" = "+after+"\n")
				}
			}
		}
		return true
	}
	// The tables as written now, in one block where the first one was (at the
	// end when there was none).
	var b bytes.Buffer
	for i, sc := range now {
		if i > 0 {
			b.WriteByte('\n')
		}
		encodeScreen(&b, sc)
	}
	at := len(lines)
	if n > 0 {
		at = pos[screenPath(0)] - 1
	}
	for i := range n {
		start := pos[screenPath(i)] - 1
		end := tableEnd(lines, start)
		ed.remove(start, end)
	}
	ed.insert(at, b.String())
	return true
}

func screenPath(i int) string { return "screens[" + strconv.Itoa(i) + "]" }

// valueText is the TOML of an option's value as encode writes it; ok is false
// for a kind of value patch does not handle.
func valueText(p any) (string, bool) {
	switch v := p.(type) {
	case *bool, *int, *string, *[]string:
		return scalar(v), true
	case *[]Meter:
		return meters(*v), true
	}
	return "", false
}

// tableEnd is the line after the table whose header is on line start: the
// next table header, or the end of the file. Comment lines just before the
// next header belong to it, not to this table.
func tableEnd(lines []string, start int) int {
	end := len(lines)
	for i := start + 1; i < len(lines); i++ {
		if tableHeader.MatchString(lines[i]) {
			end = i
			break
		}
	}
	for end > start+1 && strings.HasPrefix(strings.TrimSpace(lines[end-1]), "#") {
		end--
	}
	return end
}

// splitLines splits data after each newline; the last line may lack one.
func splitLines(data []byte) []string {
	var lines []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, string(data)+"\n")
			break
		}
		lines = append(lines, string(data[:i+1]))
		data = data[i+1:]
	}
	return lines
}

// editor collects line edits of a file and applies them in one pass.
type editor struct {
	repl    map[int]string // first line of a replaced range → its new text
	skip    map[int]bool   // lines removed (the rest of a replaced range)
	inserts map[int]string // text put before a line (len(lines): at the end)
}

// replace puts text (one key = value, plus the comment that ended the old
// value's last line, if any) in place of the key/value starting on line l.
func (e *editor) replace(lines []string, l int, text string) bool {
	end, comment, ok := valueEnd(lines, l)
	if !ok {
		return false
	}
	if comment != "" {
		text += " " + comment
	}
	e.remove(l, end)
	if e.repl == nil {
		e.repl = map[int]string{}
	}
	e.repl[l] = text + "\n"
	return true
}

func (e *editor) remove(from, to int) {
	if e.skip == nil {
		e.skip = map[int]bool{}
	}
	for i := from; i < to; i++ {
		e.skip[i] = true
	}
}

func (e *editor) insert(at int, text string) {
	if e.inserts == nil {
		e.inserts = map[int]string{}
	}
	e.inserts[at] += text
}

func (e *editor) apply(lines []string) []byte {
	var b bytes.Buffer
	for i := 0; i <= len(lines); i++ {
		if t, ok := e.inserts[i]; ok {
			if i > 0 && !strings.HasSuffix(b.String(), "\n\n") && i == len(lines) {
				b.WriteByte('\n') // a block added at the end stands apart
			}
			b.WriteString(t)
		}
		if i == len(lines) {
			break
		}
		if t, ok := e.repl[i]; ok {
			b.WriteString(t)
		} else if !e.skip[i] {
			b.WriteString(lines[i])
		}
	}
	return b.Bytes()
}

// valueEnd finds where the key/value that starts on line l ends: the line
// after the one that closes its value, and the comment that follows the value
// on that line ("" if none). It lexes just enough TOML for that: strings
// (basic, literal, multi-line), brackets and braces, comments.
func valueEnd(lines []string, l int) (end int, comment string, ok bool) {
	depth, started := 0, false
	eq := false
	for i := l; i < len(lines); i++ {
		s := lines[i]
		for j := 0; j < len(s); j++ {
			c := s[j]
			switch {
			case !eq:
				switch c {
				case '=':
					eq = true
				case '"', '\'':
					k := closeQuote(s, j)
					if k < 0 {
						return 0, "", false
					}
					j = k
				}
			case c == '#':
				if started && depth == 0 {
					return i + 1, strings.TrimRight(s[j:], "\r\n"), true
				}
				j = len(s) // a comment inside an array: the rest of the line
			case c == '"' || c == '\'':
				started = true
				if strings.HasPrefix(s[j:], `"""`) || strings.HasPrefix(s[j:], "'''") {
					ni, nj, found := closeMultiline(lines, i, j)
					if !found {
						return 0, "", false
					}
					i, s, j = ni, lines[ni], nj
					continue
				}
				k := closeQuote(s, j)
				if k < 0 {
					return 0, "", false
				}
				j = k
			case c == '[' || c == '{':
				started = true
				depth++
			case c == ']' || c == '}':
				depth--
			case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',':
			default:
				started = true
			}
		}
		if eq && started && depth == 0 {
			return i + 1, "", true
		}
	}
	return 0, "", false
}

// closeQuote is the index of the quote that closes the one-line string
// opening at s[j], or -1.
func closeQuote(s string, j int) int {
	q := s[j]
	for k := j + 1; k < len(s); k++ {
		switch {
		case q == '"' && s[k] == '\\':
			k++
		case s[k] == q:
			return k
		}
	}
	return -1
}

// closeMultiline finds the end of the multi-line string opening at
// lines[i][j]: the line and index of its last quote.
func closeMultiline(lines []string, i, j int) (int, int, bool) {
	delim := lines[i][j : j+3]
	j += 3
	for ; i < len(lines); i, j = i+1, 0 {
		s := lines[i]
		for ; j < len(s); j++ {
			if delim == `"""` && s[j] == '\\' {
				j++
				continue
			}
			if strings.HasPrefix(s[j:], delim) {
				k := j + 3
				for k < len(s) && s[k] == delim[0] { // up to two quotes may end the content
					k++
				}
				return i, k - 1, true
			}
		}
	}
	return 0, 0, false
}
