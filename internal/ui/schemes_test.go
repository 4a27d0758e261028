package ui_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// startColors is start on a 120×40 terminal that reports colors colours.
func startColors(t *testing.T, colors int, cfg ui.Config, procs ...collect.Process) *harness {
	t.Helper()
	h := &harness{Screen: uitest.NewScreenColors(120, 40, colors), feed: uitest.NewFeed()}
	cfg.Feed, cfg.Screen, cfg.AfterDraw = h.feed, h.Screen.Screen(), h.AfterDraw
	h.wait = uitest.Start(t, func(ctx context.Context) error { return ui.Run(ctx, cfg) })
	h.publish(t, procs...)
	return h
}

func scheme(name string) func(*config.Settings) {
	return func(s *config.Settings) { s.ColorScheme = name }
}

// styleOf is the style of the first cell showing text.
func (h *harness) styleOf(t *testing.T, text string) tcell.Style {
	t.Helper()
	x, y, ok := h.Find(text)
	if !ok {
		t.Fatalf("no %q on screen:\n%s", text, h.Text())
	}
	return h.Style(x, y)
}

// Each scheme draws a few roles in htop's colours for it (CRT.c), and the
// schemes with a paper of their own paint the whole screen with it.
func TestSchemeColours(t *testing.T) {
	cases := []struct {
		scheme                            string
		header, selected, keyLabel, paper tcell.Color // backgrounds
		meterLabel, text                  tcell.Color // foregrounds
	}{
		{"default", tcell.ColorGreen, tcell.ColorTeal, tcell.ColorTeal, tcell.ColorDefault, tcell.ColorTeal, tcell.ColorDefault},
		{"black-on-white", tcell.ColorGreen, tcell.ColorTeal, tcell.ColorTeal, tcell.ColorWhite, tcell.ColorNavy, tcell.ColorBlack},
		{"light-terminal", tcell.ColorGreen, tcell.ColorTeal, tcell.ColorTeal, tcell.ColorDefault, tcell.ColorNavy, tcell.ColorBlack},
		{"high-contrast", tcell.ColorWhite, tcell.ColorYellow, tcell.ColorAqua, tcell.ColorBlack, tcell.ColorAqua, tcell.ColorWhite},
	}
	for _, c := range cases {
		t.Run(c.scheme, func(t *testing.T) {
			h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"), scheme(c.scheme))}, family()...)
			bg := func(text string) tcell.Color { _, b, _ := h.styleOf(t, text).Decompose(); return b }
			fg := func(text string) tcell.Color { f, _, _ := h.styleOf(t, text).Decompose(); return f }
			_, paper, _ := h.Style(100, 35).Decompose() // below the rows
			_, meterPaper, _ := h.styleOf(t, "Uptime").Decompose()
			for _, k := range []struct {
				what      string
				got, want tcell.Color
			}{
				{"column header background", bg("USER"), c.header},
				{"selected row background", bg("/sbin/init"), c.selected},
				{"function key label background", bg("Help"), c.keyLabel},
				{"screen background", paper, c.paper},
				{"meters' background", meterPaper, c.paper},
				{"process text background", bg("carol"), c.paper},
				{"meter label colour", fg("Mem["), c.meterLabel},
				{"process text colour", fg("carol"), c.text},
			} {
				if k.got != k.want {
					t.Errorf("%s: %v, want %v", k.what, k.got, k.want)
				}
			}
		})
	}
}

// Monochrome draws with attributes only, whether the scheme, -C or NO_COLOR
// asks for it; -C outranks the scheme in the settings.
func TestMonochrome(t *testing.T) {
	for _, cfg := range []ui.Config{
		{Settings: uitest.Settings(scheme("monochrome"))},
		{Settings: uitest.Settings(scheme("black-on-white")), NoColor: true},
	} {
		h := start(t, cfg, family()...)
		if _, bg, attr := h.styleOf(t, "USER").Decompose(); bg != tcell.ColorDefault || attr&tcell.AttrReverse == 0 {
			t.Errorf("%s: column header background %v attrs %v, want reverse video", cfg.Settings.ColorScheme, bg, attr)
		}
		h.assertColours(t, 0)
	}
}

// assertColours checks that every cell of the frame uses colours a terminal of
// colors colours has (the 16 ANSI ones count as one each).
func (h *harness) assertColours(t *testing.T, colors int) {
	t.Helper()
	lines := h.Lines()
	for y := range lines {
		for x := range 120 {
			fg, bg, _ := h.Style(x, y).Decompose()
			for _, c := range []tcell.Color{fg, bg} {
				if c != tcell.ColorDefault && (c.IsRGB() || c-tcell.ColorValid >= tcell.Color(colors)) {
					t.Fatalf("cell (%d,%d) %q: colour %v on a %d-colour terminal", x, y, lines[y], c, colors)
				}
			}
		}
	}
}

// Every scheme fits a terminal of 16 and of 8 colours, and on one with fewer
// (2: black and white) draws in monochrome.
func TestSchemesFitTheTerminal(t *testing.T) {
	for _, colors := range []int{16, 8, 2} {
		for _, name := range config.ColorSchemes {
			t.Run(fmt.Sprint(name, colors), func(t *testing.T) {
				p := uitest.Proc(7, 1, "root", "/bin/sh")
				p.Flags = collect.FlagNew
				h := startColors(t, colors, ui.Config{Settings: uitest.Settings(scheme(name), uitest.Highlight)},
					uitest.Proc(1, 0, "root", "/sbin/init"), p)
				h.WaitText(t, "/bin/sh")
				want := colors
				if colors < 8 {
					want = 0
				}
				h.assertColours(t, want)
			})
		}
	}
}
