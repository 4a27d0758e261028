package ui

import "github.com/gdamore/tcell/v2"

// The colour schemes, after htop's (CRT.c, CRT_colorSchemes): the same
// colours for the same things, written for 256 colours and fitted to the
// terminal by theme.fit. Colours are named as tcell names the 16 ANSI ones:
// htop's "cyan" is Teal, "yellow" Olive, "blue" Navy, "magenta" Purple, "red"
// Maroon, "white" Silver; the bright ones are Aqua, Yellow, Blue, Fuchsia,
// Red, White, and Gray is bright black.

// schemes are the colour schemes by their setting's name; "monochrome" is
// monoTheme, which pickTheme also chooses without colour.
var schemes = map[string]func() *theme{
	"default":        defaultScheme,
	"black-on-white": blackOnWhiteScheme,
	"light-terminal": lightTerminalScheme,
	"high-contrast":  highContrastScheme,
}

// pen makes one scheme's styles: text in a colour on the scheme's paper.
type pen struct{ paper tcell.Color }

func (p pen) fg(c tcell.Color) tcell.Style   { return base.Foreground(c).Background(p.paper) }
func (p pen) bold(c tcell.Color) tcell.Style { return p.fg(c).Bold(true) }
func on(f, b tcell.Color) tcell.Style        { return base.Foreground(f).Background(b) }

// newTheme starts a scheme with every style the normal text on the paper, so
// that a style a scheme leaves alone is at least drawn on its background.
func newTheme(p pen, text tcell.Color) *theme {
	t := &theme{paper: p.paper}
	for _, s := range t.styles() {
		*s = p.fg(text)
	}
	return t
}

// defaultScheme is htop's Default: light text on the terminal's own
// background, which stays the default colour so a light terminal keeps its
// own; the shadow is a true grey where the terminal has one.
func defaultScheme() *theme {
	p := pen{tcell.ColorDefault}
	shadow := p.fg(tcell.PaletteColor(244))
	t := newTheme(p, tcell.ColorDefault)
	t.cell = [nRoles]tcell.Style{
		roleNormal:    base,
		roleShadow:    shadow,
		roleMega:      p.fg(tcell.ColorTeal),
		roleGiga:      p.fg(tcell.ColorGreen),
		roleTera:      p.fg(tcell.ColorMaroon),
		roleBasename:  p.bold(tcell.ColorTeal),
		roleTree:      p.fg(tcell.ColorTeal),
		roleKThread:   p.fg(tcell.ColorPurple),
		roleThread:    p.fg(tcell.ColorGreen),
		roleRun:       p.fg(tcell.ColorGreen),
		roleDisk:      p.bold(tcell.ColorMaroon),
		roleComm:      p.fg(tcell.ColorPurple),
		roleSeparator: p.fg(tcell.ColorMaroon),
	}
	t.colHeader, t.colSort = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorTeal)
	t.selected, t.tagged = on(tcell.ColorBlack, tcell.ColorTeal), p.bold(tcell.ColorOlive)
	t.newRow, t.exitedRow = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorMaroon)
	t.label, t.value, t.dim = p.fg(tcell.ColorTeal), base.Bold(true), shadow
	t.bracket = base.Bold(true)
	t.cpuUser, t.cpuNice = p.fg(tcell.ColorGreen), p.bold(tcell.ColorNavy)
	t.cpuSys, t.cpuIOWait = p.fg(tcell.ColorMaroon), shadow
	t.cpuIRQ, t.cpuSteal = p.fg(tcell.ColorOlive), p.fg(tcell.ColorTeal)
	t.memUsed, t.memBuffers = p.fg(tcell.ColorGreen), p.bold(tcell.ColorNavy)
	t.memShared, t.memCache = p.fg(tcell.ColorPurple), p.fg(tcell.ColorOlive)
	t.swapUsed, t.swapCache = p.fg(tcell.ColorMaroon), p.fg(tcell.ColorOlive)
	t.loadOK, t.loadHigh, t.loadOver = p.fg(tcell.ColorGreen), p.bold(tcell.ColorOlive), p.bold(tcell.ColorMaroon)
	t.fkey, t.fkeyLabel = base, on(tcell.ColorBlack, tcell.ColorTeal)
	t.fkeyOff = on(tcell.ColorGray, tcell.ColorTeal)
	t.status, t.prompt = base.Bold(true), on(tcell.ColorBlack, tcell.ColorTeal)
	t.runCount, t.helpTitle = p.bold(tcell.ColorGreen), p.bold(tcell.ColorTeal)
	return t
}

// blackOnWhiteScheme is htop's Black on White: black text on a white screen
// that pidtop paints itself, whatever the terminal's background. htop's
// "white" is colour 7, a light grey on most terminals; this is bright white
// (15) where the terminal has 16 colours, and colour 7 where it has 8.
func blackOnWhiteScheme() *theme {
	p := pen{tcell.ColorWhite}
	shadow := p.fg(tcell.ColorGray) // htop: bold black, a grey on 8 colours too
	t := newTheme(p, tcell.ColorBlack)
	t.cell = [nRoles]tcell.Style{
		roleNormal:    p.fg(tcell.ColorBlack),
		roleShadow:    shadow,
		roleMega:      p.fg(tcell.ColorNavy),
		roleGiga:      p.fg(tcell.ColorGreen),
		roleTera:      p.fg(tcell.ColorMaroon),
		roleBasename:  p.fg(tcell.ColorNavy),
		roleTree:      p.fg(tcell.ColorGreen),
		roleKThread:   p.fg(tcell.ColorPurple),
		roleThread:    p.fg(tcell.ColorNavy),
		roleRun:       p.fg(tcell.ColorGreen),
		roleDisk:      p.bold(tcell.ColorMaroon),
		roleComm:      p.fg(tcell.ColorPurple),
		roleSeparator: p.fg(tcell.ColorMaroon),
	}
	t.colHeader, t.colSort = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorTeal)
	t.selected, t.tagged = on(tcell.ColorBlack, tcell.ColorTeal), on(tcell.ColorWhite, tcell.ColorNavy)
	t.newRow, t.exitedRow = on(tcell.ColorWhite, tcell.ColorGreen), on(tcell.ColorWhite, tcell.ColorMaroon)
	t.label, t.value, t.dim = p.fg(tcell.ColorNavy), p.fg(tcell.ColorBlack), shadow
	t.bracket = p.fg(tcell.ColorNavy)
	t.cpuUser, t.cpuNice = p.fg(tcell.ColorGreen), p.fg(tcell.ColorTeal)
	t.cpuSys, t.cpuIOWait = p.fg(tcell.ColorMaroon), shadow
	t.cpuIRQ, t.cpuSteal = p.fg(tcell.ColorNavy), p.fg(tcell.ColorTeal)
	t.memUsed, t.memBuffers = p.fg(tcell.ColorGreen), p.fg(tcell.ColorPurple)
	t.memShared, t.memCache = p.fg(tcell.ColorTeal), shadow
	t.swapUsed, t.swapCache = p.fg(tcell.ColorMaroon), p.fg(tcell.ColorOlive)
	t.loadOK, t.loadHigh, t.loadOver = p.fg(tcell.ColorGreen), p.bold(tcell.ColorOlive), p.bold(tcell.ColorMaroon)
	t.fkey, t.fkeyLabel = p.fg(tcell.ColorBlack), on(tcell.ColorBlack, tcell.ColorTeal)
	t.fkeyOff = on(tcell.ColorGray, tcell.ColorTeal)
	t.status, t.prompt = p.bold(tcell.ColorBlack), on(tcell.ColorBlack, tcell.ColorTeal)
	t.runCount, t.helpTitle = p.fg(tcell.ColorGreen), p.fg(tcell.ColorNavy)
	return t
}

// lightTerminalScheme is htop's Light Terminal: dark colours for a terminal
// whose own background is light, which it keeps (the paper is the default).
// Normal text is black, as htop draws it, not the terminal's foreground.
func lightTerminalScheme() *theme {
	p := pen{tcell.ColorDefault}
	shadow := p.fg(tcell.PaletteColor(244))
	t := newTheme(p, tcell.ColorBlack)
	t.cell = [nRoles]tcell.Style{
		roleNormal:    p.fg(tcell.ColorBlack),
		roleShadow:    shadow,
		roleMega:      p.fg(tcell.ColorNavy),
		roleGiga:      p.fg(tcell.ColorGreen),
		roleTera:      p.fg(tcell.ColorMaroon),
		roleBasename:  p.fg(tcell.ColorGreen),
		roleTree:      p.fg(tcell.ColorNavy),
		roleKThread:   p.fg(tcell.ColorPurple),
		roleThread:    p.fg(tcell.ColorNavy),
		roleRun:       p.fg(tcell.ColorGreen),
		roleDisk:      p.bold(tcell.ColorMaroon),
		roleComm:      p.fg(tcell.ColorPurple),
		roleSeparator: p.fg(tcell.ColorMaroon),
	}
	t.colHeader, t.colSort = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorTeal)
	t.selected, t.tagged = on(tcell.ColorBlack, tcell.ColorTeal), on(tcell.ColorWhite, tcell.ColorNavy)
	t.newRow, t.exitedRow = on(tcell.ColorBlack, tcell.ColorGreen), on(tcell.ColorBlack, tcell.ColorMaroon)
	t.label, t.value, t.dim = p.fg(tcell.ColorNavy), p.fg(tcell.ColorBlack), shadow
	t.bracket = p.fg(tcell.ColorNavy)
	t.cpuUser, t.cpuNice = p.fg(tcell.ColorGreen), p.fg(tcell.ColorTeal)
	t.cpuSys, t.cpuIOWait = p.fg(tcell.ColorMaroon), p.bold(tcell.ColorBlack)
	t.cpuIRQ, t.cpuSteal = p.bold(tcell.ColorNavy), p.fg(tcell.ColorBlack)
	t.memUsed, t.memBuffers = p.fg(tcell.ColorGreen), p.fg(tcell.ColorPurple)
	t.memShared, t.memCache = p.fg(tcell.ColorTeal), shadow
	t.swapUsed, t.swapCache = p.fg(tcell.ColorMaroon), p.fg(tcell.ColorOlive)
	t.loadOK, t.loadHigh, t.loadOver = p.fg(tcell.ColorGreen), p.bold(tcell.ColorOlive), p.bold(tcell.ColorMaroon)
	t.fkey, t.fkeyLabel = p.fg(tcell.ColorBlack), on(tcell.ColorBlack, tcell.ColorTeal)
	t.fkeyOff = on(tcell.ColorGray, tcell.ColorTeal)
	t.status, t.prompt = p.bold(tcell.ColorBlack), on(tcell.ColorBlack, tcell.ColorTeal)
	t.runCount, t.helpTitle = p.fg(tcell.ColorGreen), p.fg(tcell.ColorNavy)
	return t
}

// highContrastScheme is pidtop's own, for low vision and washed-out screens:
// bright white text on a black screen that pidtop paints itself, only bright
// colours (none of them blue, which is dark on black), bold where htop uses a
// colour alone for meaning, and a shadow that is light grey, not dim.
func highContrastScheme() *theme {
	p := pen{tcell.ColorBlack}
	shadow := p.fg(tcell.ColorSilver)
	t := newTheme(p, tcell.ColorWhite)
	t.cell = [nRoles]tcell.Style{
		roleNormal:    p.fg(tcell.ColorWhite),
		roleShadow:    shadow,
		roleMega:      p.fg(tcell.ColorAqua),
		roleGiga:      p.bold(tcell.ColorLime),
		roleTera:      p.bold(tcell.ColorRed),
		roleBasename:  p.bold(tcell.ColorYellow),
		roleTree:      p.fg(tcell.ColorAqua),
		roleKThread:   p.fg(tcell.ColorFuchsia),
		roleThread:    p.fg(tcell.ColorLime),
		roleRun:       p.bold(tcell.ColorLime),
		roleDisk:      p.bold(tcell.ColorRed),
		roleComm:      p.fg(tcell.ColorFuchsia),
		roleSeparator: p.fg(tcell.ColorRed),
	}
	t.colHeader, t.colSort = on(tcell.ColorBlack, tcell.ColorWhite).Bold(true), on(tcell.ColorBlack, tcell.ColorAqua).Bold(true).Underline(true)
	t.selected, t.tagged = on(tcell.ColorBlack, tcell.ColorYellow).Bold(true), p.bold(tcell.ColorYellow).Underline(true)
	t.newRow, t.exitedRow = on(tcell.ColorBlack, tcell.ColorLime), on(tcell.ColorBlack, tcell.ColorRed)
	t.label, t.value, t.dim = p.fg(tcell.ColorAqua), p.bold(tcell.ColorWhite), shadow
	t.bracket = p.bold(tcell.ColorWhite)
	t.cpuUser, t.cpuNice = p.fg(tcell.ColorLime), p.fg(tcell.ColorAqua)
	t.cpuSys, t.cpuIOWait = p.fg(tcell.ColorRed), shadow
	t.cpuIRQ, t.cpuSteal = p.fg(tcell.ColorYellow), p.fg(tcell.ColorFuchsia)
	t.memUsed, t.memBuffers = p.fg(tcell.ColorLime), p.fg(tcell.ColorAqua)
	t.memShared, t.memCache = p.fg(tcell.ColorFuchsia), p.fg(tcell.ColorYellow)
	t.swapUsed, t.swapCache = p.fg(tcell.ColorRed), p.fg(tcell.ColorYellow)
	t.loadOK, t.loadHigh, t.loadOver = p.fg(tcell.ColorLime), p.bold(tcell.ColorYellow), p.bold(tcell.ColorRed)
	t.fkey, t.fkeyLabel = p.bold(tcell.ColorWhite), on(tcell.ColorBlack, tcell.ColorAqua)
	t.fkeyOff = on(tcell.ColorBlack, tcell.ColorSilver)
	t.status, t.prompt = p.bold(tcell.ColorWhite), on(tcell.ColorBlack, tcell.ColorYellow)
	t.runCount, t.helpTitle = p.bold(tcell.ColorLime), p.bold(tcell.ColorYellow)
	return t
}

// monoTheme uses attributes only: reverse video for bars and the selection, bold
// and dim for emphasis. Chosen by the scheme, NO_COLOR, --no-color, or a
// terminal without colour.
func monoTheme() *theme {
	rev, bold, dim := base.Reverse(true), base.Bold(true), base.Dim(true)
	t := &theme{paper: tcell.ColorDefault, mono: true}
	t.cell = [nRoles]tcell.Style{
		roleNormal: base, roleShadow: dim, roleMega: base, roleGiga: bold, roleTera: bold,
		roleBasename: bold, roleTree: base, roleKThread: dim, roleThread: base, roleRun: bold, roleDisk: bold, roleComm: bold, roleSeparator: dim,
	}
	t.colHeader, t.colSort = rev, rev.Bold(true).Underline(true)
	t.selected, t.tagged = rev, bold.Underline(true)
	t.newRow, t.exitedRow = bold, dim
	t.label, t.value, t.dim, t.bracket = base, bold, dim, bold
	t.cpuUser, t.cpuNice, t.cpuSys, t.cpuIOWait, t.cpuIRQ, t.cpuSteal = bold, base, bold, dim, bold, bold
	t.memUsed, t.memBuffers, t.memShared, t.memCache = bold, base, base, dim
	t.swapUsed, t.swapCache = bold, dim
	t.loadOK, t.loadHigh, t.loadOver = base, bold, bold
	t.fkey, t.fkeyLabel, t.fkeyOff = base, rev, rev.Dim(true)
	t.status, t.prompt, t.runCount, t.helpTitle = bold, rev, bold, bold // status: not reversed, on the reversed bar
	t.makeTags()
	return t
}
