package ui

import (
	"fmt"
	"os"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// role is a colour role inside a table cell (cells are drawn by tview from
// tagged text, so each role also has a tview tag).
type role uint8

// The cell roles.
const (
	roleNormal    role = iota
	roleShadow         // unknown values, zero-ish figures, idle states
	roleMega           // the MiB part of a size (htop: cyan)
	roleGiga           // the GiB part of a size (htop: green)
	roleTera           // TiB and beyond (htop: red)
	roleBasename       // the program's basename in the command line
	roleTree           // tree guide lines
	roleKThread        // kernel threads' names
	roleThread         // userland threads' command lines
	roleRun            // state R
	roleDisk           // state D
	roleComm           // the comm in a merged command (htop: m), where it differs
	roleSeparator      // between the parts of a merged command
	nRoles
)

// theme is every style the viewer draws with, in one colour scheme fitted to
// the terminal (see pickTheme; the schemes are in schemes.go). The widgets all
// hold the run's one *theme, so a new scheme is copied into it (useTheme).
type theme struct {
	scheme string      // the setting that chose it (config.ColorSchemes)
	paper  tcell.Color // the screen's background: boxes are cleared to it
	cell   [nRoles]tcell.Style
	tag    [nRoles]string // tview tag per role ("" for roleNormal)

	colHeader, colSort  tcell.Style // the table's header row, the sort column in it
	selected, tagged    tcell.Style // the selected row, a tagged row
	newRow, exitedRow   tcell.Style // a process new this tick, gone this tick
	label, value, dim   tcell.Style // header meters: "Mem", "1.2G", brackets' inside text
	bracket             tcell.Style
	cpuUser, cpuNice    tcell.Style
	cpuSys, cpuIOWait   tcell.Style
	cpuIRQ, cpuSteal    tcell.Style
	memUsed, memBuffers tcell.Style
	memShared, memCache tcell.Style
	swapUsed, swapCache tcell.Style
	loadOK, loadHigh    tcell.Style // the Load bar under 1, under the CPU count
	loadOver            tcell.Style // and at or over it (htop's METER_VALUE_ERROR)
	fkey, fkeyLabel     tcell.Style // function bar: "F1", "Help"
	fkeyOff             tcell.Style // a key disabled by --readonly
	status, prompt      tcell.Style // function bar's status text; search/filter input
	runCount, helpTitle tcell.Style
	mono                bool
}

var base = tcell.StyleDefault

// styles are pointers to every style of t, for the passes over all of them
// (a new scheme's defaults, fitting to the terminal's colours). A test checks
// that no style field is missing here.
func (t *theme) styles() []*tcell.Style {
	s := []*tcell.Style{&t.colHeader, &t.colSort, &t.selected, &t.tagged, &t.newRow, &t.exitedRow,
		&t.label, &t.value, &t.dim, &t.bracket, &t.cpuUser, &t.cpuNice, &t.cpuSys, &t.cpuIOWait,
		&t.cpuIRQ, &t.cpuSteal, &t.memUsed, &t.memBuffers, &t.memShared, &t.memCache, &t.swapUsed,
		&t.swapCache, &t.loadOK, &t.loadHigh, &t.loadOver, &t.fkey, &t.fkeyLabel, &t.fkeyOff,
		&t.status, &t.prompt, &t.runCount, &t.helpTitle}
	for i := range t.cell {
		s = append(s, &t.cell[i])
	}
	return s
}

// colourTheme is the default scheme fitted to a terminal of colors colours.
func colourTheme(colors int) *theme { return schemeTheme("default", colors) }

// schemeTheme is the colour scheme called name (the default for a name it
// does not know), fitted to a terminal of colors colours.
func schemeTheme(name string, colors int) *theme {
	build, ok := schemes[name]
	if !ok {
		build = defaultScheme
	}
	t := build()
	t.scheme = name
	t.fit(colors)
	t.makeTags()
	return t
}

// themeFor chooses by the scheme setting, the user's wish for no colour (-C,
// NO_COLOR: it outranks any scheme picked later in setup) and the terminal's
// colour count: fewer than 8 colours is monochrome too.
func themeFor(scheme string, noColor bool, colors int) *theme {
	if noColor || os.Getenv("NO_COLOR") != "" || colors < 8 || scheme == "monochrome" {
		t := monoTheme()
		t.scheme = scheme
		return t
	}
	return schemeTheme(scheme, colors)
}

// pickTheme is the theme the widgets are made with, before the settings are
// applied: monochrome or the default scheme. useTheme, which applySettings
// calls, then puts the settings' scheme in its place.
func pickTheme(noColor bool, colors int) *theme {
	if noColor {
		return themeFor("monochrome", true, colors)
	}
	return themeFor("", false, colors)
}

// fit makes every style drawable on a terminal of colors colours. The schemes
// are written for 256 colours with a few greys beyond the 16 ANSI colours:
// below 256 a colour beyond the 16 becomes the nearest of them; below 16 a
// bright colour becomes its dark twin, and as text it is made bold, which
// 8-colour terminals show bright (htop draws its grey as bold black there).
func (t *theme) fit(colors int) {
	t.paper, _ = fitColour(t.paper, colors)
	for _, s := range t.styles() {
		fg, bg, _ := s.Decompose()
		fg, bright := fitColour(fg, colors)
		bg, _ = fitColour(bg, colors)
		*s = s.Foreground(fg).Background(bg)
		if bright {
			*s = s.Bold(true)
		}
	}
}

// ansi16 is the 16 ANSI colours, for tcell.FindColor.
var ansi16 = func() []tcell.Color {
	p := make([]tcell.Color, 16)
	for i := range p {
		p[i] = tcell.PaletteColor(i)
	}
	return p
}()

// fitColour is c on a terminal of colors colours, and whether it was a
// bright colour made dark (see fit).
func fitColour(c tcell.Color, colors int) (tcell.Color, bool) {
	if c == tcell.ColorDefault || !c.Valid() {
		return c, false
	}
	if colors < 256 && (c.IsRGB() || c >= tcell.ColorValid+16) {
		c = tcell.FindColor(c, ansi16)
	}
	if colors < 16 && c >= tcell.ColorValid+8 && c < tcell.ColorValid+16 {
		return c - 8, true
	}
	return c, false
}

// useTheme makes the run's theme the one r.set and the terminal ask for. The
// widgets hold r.th, so a new scheme is copied into it; what tview copied out
// of it (the selection's and the prompt's styles, the boxes' background) is
// set again, and the content's rows are remade by the refresh that follows
// every change.
func (r *runner) useTheme() {
	if r.th.scheme != r.set.ColorScheme {
		*r.th = *themeFor(r.set.ColorScheme, r.cfg.NoColor, r.screen.Colors())
	}
	t := r.th
	r.table.SetSelectedStyle(t.selected)
	r.input.SetFieldStyle(t.prompt).SetLabelStyle(t.status)
	for _, b := range []*tview.Box{r.pages.Box, r.bottom.Box, r.meters.Box, r.tabs.Box, r.table.Box, r.bar.Box, r.input.Box} {
		b.SetBackgroundColor(t.paper)
	}
}

// makeTags derives each role's tview tag from its style.
func (t *theme) makeTags() {
	for r := roleNormal + 1; r < nRoles; r++ {
		t.tag[r] = styleTag(t.cell[r])
	}
}

// paletteNames are tcell's names of the 16 ANSI colours, which tview tags accept.
var paletteNames = [16]string{"black", "maroon", "green", "olive", "navy", "purple", "teal", "silver",
	"gray", "red", "lime", "yellow", "blue", "fuchsia", "aqua", "white"}

// styleTag writes a style as a tview tag "[fg:bg:attrs]".
func styleTag(s tcell.Style) string {
	fg, bg, attr := s.Decompose()
	flags := ""
	for _, a := range []struct {
		m tcell.AttrMask
		c byte
	}{{tcell.AttrBold, 'b'}, {tcell.AttrDim, 'd'}, {tcell.AttrReverse, 'r'}, {tcell.AttrUnderline, 'u'}} {
		if attr&a.m != 0 {
			flags += string(a.c)
		}
	}
	return fmt.Sprintf("[%s:%s:%s]", colourName(fg), colourName(bg), flags)
}

// colourName is a colour as tview's tag parser reads it ("-" for the default).
func colourName(c tcell.Color) string {
	switch {
	case c == tcell.ColorDefault:
		return "-"
	case c.IsRGB():
		return fmt.Sprintf("#%06x", c.Hex())
	case c >= tcell.ColorValid && c < tcell.ColorValid+16:
		return paletteNames[c-tcell.ColorValid]
	}
	r, g, b := c.RGB()
	return fmt.Sprintf("#%02x%02x%02x", r, g, b)
}
