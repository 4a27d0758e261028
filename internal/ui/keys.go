package ui

import (
	"fmt"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// keyID is a key as the bindings name it: a special key, or a character.
type keyID struct {
	key tcell.Key
	r   rune
}

func ch(r rune) keyID           { return keyID{tcell.KeyRune, r} }
func special(k tcell.Key) keyID { return keyID{key: k} }

// idOf names a key event; Shift-F3 arrives as F3 with Shift or as F15.
func idOf(ev *tcell.EventKey) keyID {
	switch {
	case ev.Key() == tcell.KeyRune:
		return ch(ev.Rune())
	case ev.Key() == tcell.KeyF3 && ev.Modifiers()&tcell.ModShift != 0:
		return special(tcell.KeyF15)
	}
	return special(ev.Key())
}

// command is one entry of the key table: its keys, its help line, what it does.
type command struct {
	keys  []keyID
	names string // the keys as the help screen shows them
	help  string
	do    func(r *runner)
}

// navigation keys go to the table; they are listed in the help only.
var navigation = []keyID{special(tcell.KeyUp), special(tcell.KeyDown), special(tcell.KeyPgUp),
	special(tcell.KeyPgDn), special(tcell.KeyEnd)}

// commands are htop's keys that this package implements, in help order (set in
// init: the help command refers to the table itself).
var commands []command

func init() { commands = builtinCommands() }

func builtinCommands() []command {
	return []command{
		{[]keyID{special(tcell.KeyF1), ch('h'), ch('?')}, "F1 h ?", "show this help", (*runner).openHelp},
		{[]keyID{special(tcell.KeyF2), ch('S')}, "F2 S C", "setup: display options, screens and columns, meters, colours (C: the columns)", (*runner).openSetupDisplay},
		{[]keyID{ch('C')}, "", "", (*runner).openSetupColumns},
		{[]keyID{special(tcell.KeyF3), ch('/')}, "F3 /", "search (F3 next, Shift-F3 previous; digits find a PID)", func(r *runner) { r.openPrompt(promptSearch) }},
		{[]keyID{special(tcell.KeyF4), ch('\\')}, "F4 \\", "filter: show only matching processes (a|b for either)", func(r *runner) { r.openPrompt(promptFilter) }},
		{[]keyID{special(tcell.KeyF5), ch('t')}, "F5 t", "tree view on/off", (*runner).toggleTree},
		{[]keyID{special(tcell.KeyF6), ch('<'), ch('>'), ch(','), ch('.')}, "F6 < > , .", "choose the sort column (htop 3's < > , . open the menu too)", (*runner).openSortMenu},
		{[]keyID{ch('P')}, "P", "sort by CPU%", func(r *runner) { r.sortBy("cpu_percent") }},
		{[]keyID{ch('M')}, "M", "sort by MEM%", func(r *runner) { r.sortBy("mem_percent") }},
		{[]keyID{ch('T')}, "T", "sort by TIME+", func(r *runner) { r.sortBy("cpu_time_s") }},
		{[]keyID{ch('N')}, "N", "sort by PID", func(r *runner) { r.sortBy("pid") }},
		{[]keyID{ch('I')}, "I", "invert the sort order", (*runner).invertSort},
		{[]keyID{ch('+'), ch('=')}, "+", "expand the selected subtree (tree view)", func(r *runner) { r.v.fold(true); r.refresh() }},
		{[]keyID{ch('-')}, "-", "collapse the selected subtree (tree view)", func(r *runner) { r.v.fold(false); r.refresh() }},
		{[]keyID{ch('*')}, "*", "collapse every subtree below the roots; again: expand them all (tree view)", func(r *runner) { r.v.foldAll(); r.refresh() }},
		{[]keyID{special(tcell.KeyBackspace2), special(tcell.KeyBackspace)}, "Backspace", "collapse into the parent: select it and fold its subtree (tree view)",
			func(r *runner) { r.v.foldIntoParent(); r.refresh() }},
		{[]keyID{ch('u')}, "u", "show only one user's processes", (*runner).openUserMenu},
		{[]keyID{ch('p')}, "p", "show/hide the program's path in the command", (*runner).toggleProgramPath},
		{[]keyID{ch('m')}, "m", "merge the executable, the comm and the command line in Command", (*runner).toggleMerged},
		{[]keyID{ch('H')}, "H", "show/hide userland threads", (*runner).toggleThreads},
		{[]keyID{ch('K')}, "K", "show/hide kernel threads", (*runner).toggleKernelThreads},
		{[]keyID{special(tcell.KeyTab)}, "Tab S-Tab", "next / previous screen (Main, I/O, ...)", func(r *runner) { r.switchScreen(1) }},
		{[]keyID{special(tcell.KeyBacktab)}, "", "", func(r *runner) { r.switchScreen(-1) }},
		{[]keyID{ch('#')}, "#", "hide/show the meters", (*runner).toggleMeters},
		{[]keyID{ch('F')}, "F", "follow the selected process: kept through filter changes, told when it exits", (*runner).toggleFollow},
		{[]keyID{ch('Z')}, "Z", "pause/resume updates", (*runner).togglePause},
		{[]keyID{ch(' ')}, "Space", "tag/untag the selected process", func(r *runner) {
			r.v.toggleTag()
			r.moveSelection(1)
			r.tagsChanged()
		}},
		{[]keyID{ch('c')}, "c", "tag the selected process and its children", func(r *runner) { r.v.tagTree(); r.tagsChanged() }},
		{[]keyID{ch('U')}, "U", "untag all processes", func(r *runner) { clear(r.v.tagged); r.tagsChanged() }},
		{[]keyID{ch('w')}, "w", "the selected process's whole command line, wrapped", (*runner).openCommand},
		{[]keyID{special(tcell.KeyEnter)}, "Enter", "details of the selected process" + ownKey, (*runner).openDetails},
		{[]keyID{ch('e')}, "e", "environment of the selected process (/ searches in it)", func(r *runner) { r.openView(ViewEnviron) }},
		{[]keyID{ch('l')}, "l", "open files: descriptors, sockets (address, port, state), mapped files", func(r *runner) { r.openView(ViewFiles) }},
		{[]keyID{ch('x')}, "x", "file locks of the selected process", func(r *runner) { r.openView(ViewLocks) }},
		{[]keyID{ch('s')}, "s", "what the selected process is doing: system call, wait, threads, kernel stack (live)", func(r *runner) { r.openView(ViewActivity) }},
		{[]keyID{special(tcell.KeyLeft), special(tcell.KeyCtrlB)}, "Left Right", "scroll the table sideways, header and all (also Ctrl-B Ctrl-F)", func(r *runner) { r.scrollH(-hscrollStep()) }},
		{[]keyID{special(tcell.KeyRight), special(tcell.KeyCtrlF)}, "", "", func(r *runner) { r.scrollH(hscrollStep()) }},
		{[]keyID{special(tcell.KeyCtrlA), ch('^')}, "Ctrl-A ^", "scroll back to the start of the lines", (*runner).scrollHome},
		{[]keyID{special(tcell.KeyCtrlE), ch('$')}, "Ctrl-E $", "scroll to the end of the selected line (a long command line)", (*runner).scrollEnd},
		{[]keyID{special(tcell.KeyHome)}, "Home", "go to the top (the selection stays on the first row)", (*runner).goTop},
		{[]keyID{special(tcell.KeyCtrlL)}, "Ctrl-L", "redraw the screen", (*runner).redraw},
		{[]keyID{special(tcell.KeyF10), ch('q')}, "F10 q", "quit", (*runner).quit},
		{[]keyID{special(tcell.KeyCtrlZ)}, "Ctrl-Z", "suspend to the shell (fg resumes), from any screen", (*runner).suspendKey},
	}
}

// keyTable maps every key to what it does: the built-in commands, then the
// configured bindings (which win over a built-in key of the same name).
func (r *runner) keyTable() map[keyID]func() {
	m := map[keyID]func(){}
	for _, c := range commands {
		for _, k := range c.keys {
			m[k] = func() { c.do(r) }
		}
	}
	for _, b := range r.cfg.Bindings {
		m[keyID{b.Key, b.Rune}] = func() { r.runBinding(b) }
	}
	return m
}

// runBinding runs an added binding, unless --readonly forbids it.
func (r *runner) runBinding(b Binding) {
	if b.Changes && r.cfg.ReadOnly {
		name := b.Name
		if name == "" {
			name = "this key"
		}
		r.setMessage("read-only mode: " + name + " is disabled")
		return
	}
	if b.Do != nil {
		b.Do(actions{r})
	}
}

// bindingName is a binding's key as the help screen shows it.
func bindingName(b Binding) string {
	if b.Key == tcell.KeyRune {
		if b.Rune == ' ' {
			return "Space"
		}
		return string(b.Rune)
	}
	return tcell.KeyNames[b.Key]
}

// helpText is the help screen: every key, its meaning, and the colours' legend.
func (r *runner) helpText() string {
	var b strings.Builder
	t := r.th
	fmt.Fprintf(&b, "%spidtop help: arrows scroll, any other key returns%s\n", styleTag(t.helpTitle), resetTag)
	fmt.Fprintf(&b, "Keys mean what they mean in htop; those marked %s are pidtop's own.\n\n", tview.Escape(ownKey[1:]))
	legend := func(name string, parts ...seg) {
		fmt.Fprintf(&b, "%-5s", name)
		for _, p := range parts {
			fmt.Fprintf(&b, "%s%s%s ", styleTag(p.style), p.text, resetTag)
		}
		b.WriteString("\n")
	}
	legend("CPU", seg{"low-priority", t.cpuNice}, seg{"normal", t.cpuUser}, seg{"kernel", t.cpuSys},
		seg{"irq", t.cpuIRQ}, seg{"steal/guest", t.cpuSteal}, seg{"io-wait", t.cpuIOWait})
	legend("Mem", seg{"used", t.memUsed}, seg{"buffers", t.memBuffers}, seg{"shared", t.memShared}, seg{"cache", t.memCache})
	legend("Swp", seg{"used", t.swapUsed}, seg{"cache", t.swapCache})
	fmt.Fprintf(&b, "Rows:  %snew this tick%s  %sexited%s  %stagged%s  %skernel thread%s\n\n",
		styleTag(t.newRow), resetTag, styleTag(t.exitedRow), resetTag, styleTag(t.tagged), resetTag,
		styleTag(t.cell[roleKThread]), resetTag)
	line := func(keys, help string) {
		fmt.Fprintf(&b, " %s%-14s%s %s\n", styleTag(t.helpTitle), keys, resetTag, help)
	}
	line("Arrows PgUp/Dn", "move the selection; End: the last process; mouse: click, wheel")
	line("click title", "sort by that column (again: invert)")
	line("0-9", "go to the process with the PID typed (digits add up until another key or a pause)")
	overridden := map[keyID]bool{}
	for _, bd := range r.cfg.Bindings {
		overridden[keyID{bd.Key, bd.Rune}] = true
	}
	for _, c := range commands {
		if !overridden[c.keys[0]] && c.names != "" { // "": a second key the line before names
			line(tview.Escape(c.names), tview.Escape(c.help))
		}
	}
	bds := r.cfg.Bindings
	for i := 0; i < len(bds); i++ {
		names := bindingName(bds[i])
		for i+1 < len(bds) && bds[i+1].Help == bds[i].Help { // F9 and k: one line
			i++
			names += " " + bindingName(bds[i])
		}
		h := bds[i].Help
		if bds[i].Changes && r.cfg.ReadOnly {
			h += " (disabled: read-only)"
		}
		line(tview.Escape(names), tview.Escape(h))
	}
	return b.String()
}
