//go:build unix

package ui

import (
	"strings"
	"testing"
)

// What Sanitize returns reaches a real terminal as it is. tcell (v2.13)
// encodes each cell through a 128-byte buffer and writes "?" for a grapheme
// cluster that does not fit: a Z under 200 combining marks was lost that way,
// on screen and in the details pane, while -b printed it.
func TestSanitizedTextReachesTerminal(t *testing.T) {
	marks := strings.Repeat("\u0336", 200)
	for _, in := range []string{
		"Z" + marks + " --flag",
		"a" + marks + "b" + marks,
		marks + "x",
		strings.Repeat("\u1100", 60), // leading jamo join into one cluster
		"s\u200bshd \u2764\ufe0f \U0001f468\u200d\U0001f469",
	} {
		want := Sanitize(in)
		p := newPipeline(t, "xterm-256color", 80, 2, true)
		p.show([][]styledText{{{text: want}}})
		var got strings.Builder
		for _, c := range p.model.cells[0] {
			got.WriteString(c.text)
		}
		if s := strings.TrimRight(got.String(), " "); s != want {
			t.Errorf("Sanitize(%q) = %q reaches the terminal as %q", in, want, s)
		}
	}
}
