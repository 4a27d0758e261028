package ui

import (
	"reflect"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// styles must list every style of a theme: fit and newTheme go through it, so
// a style left out would escape both.
func TestThemeStylesListsEveryStyle(t *testing.T) {
	n := 0
	typ := reflect.TypeOf(theme{})
	for i := range typ.NumField() {
		switch f := typ.Field(i).Type; {
		case f == reflect.TypeOf(tcell.Style{}):
			n++
		case f.Kind() == reflect.Array && f.Elem() == reflect.TypeOf(tcell.Style{}):
			n += f.Len()
		}
	}
	if got := len((&theme{}).styles()); got != n {
		t.Errorf("styles lists %d styles, the theme has %d", got, n)
	}
}

// Every scheme the config file may name is one of ours: none falls back to
// the default unseen.
func TestEverySchemeIsBuilt(t *testing.T) {
	for _, name := range config.ColorSchemes {
		if _, ok := schemes[name]; !ok && name != "monochrome" {
			t.Errorf("no scheme %q", name)
		}
	}
}

// A scheme with a paper of its own has no style left on the terminal's
// background, at any colour count.
func TestPaperSchemesCoverEveryStyle(t *testing.T) {
	for _, name := range []string{"black-on-white", "high-contrast"} {
		for _, colors := range []int{256, 16, 8} {
			th := schemeTheme(name, colors)
			for i, s := range th.styles() {
				if _, bg, _ := s.Decompose(); bg == tcell.ColorDefault {
					t.Errorf("%s at %d colours: style %d on the terminal's background", name, colors, i)
				}
			}
		}
	}
}

// newTestRunner is a runner on a simulated screen, without its event loop:
// the test changes settings and draws on its own goroutine, as the UI
// goroutine would.
func newTestRunner(t *testing.T, set config.Settings) (*runner, *uitest.Screen) {
	t.Helper()
	scr := uitest.NewScreen(120, 30)
	r, err := newRunner(Config{Feed: uitest.NewFeed(), Screen: scr.Screen(), AfterDraw: scr.AfterDraw, Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.screen.Fini)
	r.apply(uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(2, 1, "carol", "/bin/sh")))
	r.app.ForceDraw()
	return r, scr
}

// A scheme chosen while pidtop runs (the setup screen goes through change)
// redraws everything in it: meters, table, key bar, tabs.
func TestSchemeChangesLive(t *testing.T) {
	r, scr := newTestRunner(t, uitest.Settings())
	bg := func(text string) tcell.Color {
		t.Helper()
		x, y, ok := scr.Find(text)
		if !ok {
			t.Fatalf("no %q on screen:\n%s", text, scr.Text())
		}
		_, b, _ := scr.Style(x, y).Decompose()
		return b
	}
	fg := func(text string) tcell.Color {
		x, y, _ := scr.Find(text)
		f, _, _ := scr.Style(x, y).Decompose()
		return f
	}
	steps := []struct {
		scheme                       string
		paper, header, tab, selected tcell.Color // backgrounds
		label                        tcell.Color // the meters' captions
	}{
		{"default", tcell.ColorDefault, tcell.ColorGreen, tcell.ColorTeal, tcell.ColorTeal, tcell.ColorTeal},
		{"black-on-white", tcell.ColorWhite, tcell.ColorGreen, tcell.ColorTeal, tcell.ColorTeal, tcell.ColorNavy},
		{"high-contrast", tcell.ColorBlack, tcell.ColorWhite, tcell.ColorAqua, tcell.ColorYellow, tcell.ColorAqua},
		{"monochrome", tcell.ColorDefault, tcell.ColorDefault, tcell.ColorDefault, tcell.ColorDefault, tcell.ColorDefault},
		{"light-terminal", tcell.ColorDefault, tcell.ColorGreen, tcell.ColorTeal, tcell.ColorTeal, tcell.ColorNavy},
	}
	for _, s := range steps {
		r.change(func(set *config.Settings) { set.ColorScheme = s.scheme })
		r.app.ForceDraw()
		_, paper, _ := scr.Style(100, 25).Decompose()
		for _, c := range []struct {
			what      string
			got, want tcell.Color
		}{
			{"screen background", paper, s.paper},
			{"meters' background", bg("Uptime"), s.paper},
			{"process text background", bg("carol"), s.paper},
			{"column header", bg("USER"), s.header},
			{"screen tab", bg("I/O"), s.tab}, // the inactive tab: fkeyLabel
			{"function key label", bg("Help"), s.tab},
			{"selected row", bg("/sbin/init"), s.selected},
			{"meter caption", fg("Mem["), s.label},
		} {
			if c.got != c.want {
				t.Errorf("%s: %s %v, want %v", s.scheme, c.what, c.got, c.want)
			}
		}
	}
}
