package screen

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
)

func TestUnicodeLocale(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"LANG": "C.UTF-8"}, true},
		{map[string]string{"LANG": "en_US.utf8"}, true},
		{map[string]string{"LANG": "de_DE"}, true},
		{map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, false},
		{map[string]string{"LC_CTYPE": "POSIX"}, false},
		{map[string]string{"LANG": "en_US.ISO-8859-1"}, false},
		{map[string]string{"LC_ALL": "sr_RS.UTF-8@latin"}, true},
	} {
		if got := UnicodeLocale(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: unicode %v, want %v", c.env, got, c.want)
		}
	}
}

// In ASCII mode every cell the frame hands the terminal is ASCII: pidtop's own
// glyphs as look-alikes (the tree as htop draws it in ASCII), anything else '?'.
func TestASCIIFrame(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	if err := sim.Init(); err != nil {
		t.Fatal(err)
	}
	sim.SetSize(20, 2)
	f := newFrameScreen(sim)
	f.ascii = true
	f.Clear()
	for x, r := range []rune("├─ CPU%▽ …漢é") {
		f.SetContent(x, 0, r, []rune{0x301}, tcell.StyleDefault) // a combining mark on each
	}
	f.Show()
	cells, w, _ := sim.GetContents()
	var b strings.Builder
	for _, c := range cells[:w] {
		for _, r := range c.Runes {
			if r >= 0x80 {
				t.Errorf("rune %U reached the terminal", r)
			}
		}
		b.WriteString(string(c.Runes))
	}
	if got := strings.TrimRight(b.String(), " "); got != "|- CPU%v .??" {
		t.Errorf("drawn %q", got)
	}
}
