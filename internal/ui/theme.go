package ui

import (
	"fmt"
	"os"

	"github.com/gdamore/tcell/v2"
)

// role is a colour role inside a table cell (cells are drawn by tview from
// tagged text, so each role also has a tview tag).
type role uint8

// The cell roles.
const (
	roleNormal   role = iota
	roleShadow        // unknown values, zero-ish figures, idle states
	roleMega          // the MiB part of a size (htop: cyan)
	roleGiga          // the GiB part of a size (htop: green)
	roleTera          // TiB and beyond (htop: red)
	roleBasename      // the program's basename in the command line
	roleTree          // tree guide lines
	roleKThread       // kernel threads' names
	roleThread        // userland threads' command lines
	roleRun           // state R
	roleDisk          // state D
	nRoles
)

// theme is every style the viewer draws with. One of three is chosen at start:
// the 256-colour one (htop's default scheme), the 16-colour one, or monochrome.
type theme struct {
	name string
	cell [nRoles]tcell.Style
	tag  [nRoles]string // tview tag per role ("" for roleNormal)

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
	fkey, fkeyLabel     tcell.Style // function bar: "F1", "Help"
	fkeyOff             tcell.Style // a key disabled by --readonly
	status, prompt      tcell.Style // function bar's status text; search/filter input
	runCount, helpTitle tcell.Style
	mono                bool
}

var base = tcell.StyleDefault

// colourTheme is htop's default scheme on the eight ANSI colours plus bold, which
// every colour terminal shows the same; with 256 colours the shadow is a true grey.
func colourTheme(colors int) *theme {
	shadow := base.Foreground(tcell.PaletteColor(244))
	name := "256 colours"
	if colors < 256 {
		shadow = base.Foreground(tcell.ColorGray).Bold(colors < 16)
		name = fmt.Sprintf("%d colours", colors)
	}
	fg := func(c tcell.Color) tcell.Style { return base.Foreground(c) }
	on := func(f, b tcell.Color) tcell.Style { return base.Foreground(f).Background(b) }
	t := &theme{name: name}
	t.cell = [nRoles]tcell.Style{
		roleNormal:   base,
		roleShadow:   shadow,
		roleMega:     fg(tcell.ColorTeal),
		roleGiga:     fg(tcell.ColorGreen),
		roleTera:     fg(tcell.ColorMaroon),
		roleBasename: fg(tcell.ColorTeal).Bold(true),
		roleTree:     fg(tcell.ColorTeal),
		roleKThread:  fg(tcell.ColorPurple),
		roleThread:   fg(tcell.ColorGreen),
		roleRun:      fg(tcell.ColorGreen),
		roleDisk:     fg(tcell.ColorMaroon).Bold(true),
	}
	t.colHeader, t.colSort = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorTeal)
	t.selected, t.tagged = on(tcell.ColorBlack, tcell.ColorTeal), fg(tcell.ColorOlive).Bold(true)
	t.newRow, t.exitedRow = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorMaroon)
	t.label, t.value, t.dim = fg(tcell.ColorTeal), base.Bold(true), shadow
	t.bracket = base.Bold(true)
	t.cpuUser, t.cpuNice = fg(tcell.ColorGreen), fg(tcell.ColorNavy).Bold(true)
	t.cpuSys, t.cpuIOWait = fg(tcell.ColorMaroon), shadow
	t.cpuIRQ, t.cpuSteal = fg(tcell.ColorOlive), fg(tcell.ColorTeal)
	t.memUsed, t.memBuffers = fg(tcell.ColorGreen), fg(tcell.ColorNavy).Bold(true)
	t.memShared, t.memCache = fg(tcell.ColorPurple), fg(tcell.ColorOlive)
	t.swapUsed, t.swapCache = fg(tcell.ColorMaroon), fg(tcell.ColorOlive)
	t.fkey, t.fkeyLabel = base, on(tcell.ColorBlack, tcell.ColorTeal)
	t.fkeyOff = on(tcell.ColorGray, tcell.ColorTeal)
	t.status, t.prompt = base.Bold(true), on(tcell.ColorBlack, tcell.ColorTeal)
	t.runCount, t.helpTitle = fg(tcell.ColorGreen).Bold(true), fg(tcell.ColorTeal).Bold(true)
	t.makeTags()
	return t
}

// monoTheme uses attributes only: reverse video for bars and the selection, bold
// and dim for emphasis. Chosen by NO_COLOR, --no-color, or a terminal without colour.
func monoTheme() *theme {
	rev, bold, dim := base.Reverse(true), base.Bold(true), base.Dim(true)
	t := &theme{name: "monochrome", mono: true}
	t.cell = [nRoles]tcell.Style{
		roleNormal: base, roleShadow: dim, roleMega: base, roleGiga: bold, roleTera: bold,
		roleBasename: bold, roleTree: base, roleKThread: dim, roleThread: base, roleRun: bold, roleDisk: bold,
	}
	t.colHeader, t.colSort = rev, rev.Bold(true).Underline(true)
	t.selected, t.tagged = rev, bold.Underline(true)
	t.newRow, t.exitedRow = bold, dim
	t.label, t.value, t.dim, t.bracket = base, bold, dim, bold
	t.cpuUser, t.cpuNice, t.cpuSys, t.cpuIOWait, t.cpuIRQ, t.cpuSteal = bold, base, bold, dim, bold, bold
	t.memUsed, t.memBuffers, t.memShared, t.memCache = bold, base, base, dim
	t.swapUsed, t.swapCache = bold, dim
	t.fkey, t.fkeyLabel, t.fkeyOff = base, rev, rev.Dim(true)
	t.status, t.prompt, t.runCount, t.helpTitle = bold, rev, bold, bold // status: not reversed, on the reversed bar
	t.makeTags()
	return t
}

// pickTheme chooses by the user's wish and the terminal's colour count.
func pickTheme(noColor bool, colors int) *theme {
	if noColor || os.Getenv("NO_COLOR") != "" || colors < 8 {
		return monoTheme()
	}
	return colourTheme(colors)
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
