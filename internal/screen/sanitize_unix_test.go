//go:build unix

package screen_test

import (
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/screen"
	"github.com/pidtop/pidtop/internal/ui"
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
		want := ui.Sanitize(in)
		if s := strings.TrimRight(screen.ShowOnTerminal(t, want, 80), " "); s != want {
			t.Errorf("Sanitize(%q) = %q reaches the terminal as %q", in, want, s)
		}
	}
}
