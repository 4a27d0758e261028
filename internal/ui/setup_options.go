package ui

import (
	"fmt"
	"strconv"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/config"
)

// The Display options and Colors pages.

// displayOption is one line of the Display options page: a switch (flag) or a
// whole number (num), by where it lives in the settings, which both reads and
// sets it.
type displayOption struct {
	label string
	flag  func(*config.Settings) *bool
	num   func(*config.Settings) *int
}

// displayOptions are the page's lines, in order: the one list of them.
var displayOptions = []displayOption{
	{label: "Show userland threads", flag: func(s *config.Settings) *bool { return &s.ShowThreads }},
	{label: "Hide kernel threads", flag: func(s *config.Settings) *bool { return &s.HideKernelThreads }},
	{label: "Highlight the program's base name", flag: func(s *config.Settings) *bool { return &s.HighlightBaseName }},
	{label: "Show the program's path (p)", flag: func(s *config.Settings) *bool { return &s.ShowProgramPath }},
	{label: "Merge exe, comm and command line in Command (m)", flag: func(s *config.Settings) *bool { return &s.MergedCommand }},
	{label: "Highlight new and exited processes", flag: func(s *config.Settings) *bool { return &s.HighlightChanges }},
	{label: "... for this many seconds", num: func(s *config.Settings) *int { return &s.HighlightSeconds }},
	{label: "Shadow other users' processes", flag: func(s *config.Settings) *bool { return &s.ShadowOtherUsers }},
	{label: "Update command lines on every refresh", flag: func(s *config.Settings) *bool { return &s.CmdlineEveryTick }},
	{label: "Count CPUs from 1 instead of 0", flag: func(s *config.Settings) *bool { return &s.CPUCountFromOne }},
	{label: "Hide the meters (#)", flag: func(s *config.Settings) *bool { return &s.HideMeters }},
	{label: "Hide the function bar", flag: func(s *config.Settings) *bool { return &s.HideFunctionBar }},
	{label: "Mouse: clicks and the wheel", flag: func(s *config.Settings) *bool { return &s.Mouse }},
	{label: "Update interval, in tenths of a second", num: func(s *config.Settings) *int { return &s.Delay }},
	{label: "Seconds from SIGTERM to SIGKILL (terminate gracefully)", num: func(s *config.Settings) *int { return &s.Grace }},
}

type optionsPage struct {
	list  *pickList
	typed string // digits typed on a number's line, applied by Enter
}

// editing reports whether digits are being typed (Esc drops them).
func (p *optionsPage) editing() bool { return p.typed != "" }

func (s *setup) buildOptions() {
	p := &s.options
	p.list = newPickList(s, "Display options")
	cur := func() displayOption { return displayOptions[p.list.cur] }
	p.list.moved = func(int) { p.typed = "" }
	p.list.activate = func(int) { s.commitOption() }
	p.list.clicked = func(i int) {
		if displayOptions[i].flag != nil {
			s.toggleOption(i)
		}
	}
	p.list.keys = func(ev *tcell.EventKey) bool {
		o := cur()
		if o.flag != nil {
			if is(ev, ch(' ')) {
				s.toggleOption(p.list.cur)
				return true
			}
			return false
		}
		switch {
		case is(ev, ch('-')):
			s.stepOption(-1)
		case is(ev, ch('+'), ch('=')):
			s.stepOption(1)
		case ev.Key() == tcell.KeyRune && ev.Rune() >= '0' && ev.Rune() <= '9':
			if len(p.typed) < 6 {
				p.typed += string(ev.Rune())
			}
		case ev.Key() == tcell.KeyBackspace || ev.Key() == tcell.KeyBackspace2:
			p.typed = p.typed[:max(len(p.typed)-1, 0)]
		case ev.Key() == tcell.KeyEscape:
			p.typed = ""
		default:
			return false
		}
		s.reloadOptions()
		return true
	}
	p.list.hints = func() []hint {
		if cur().flag != nil {
			return []hint{{"Space", "Toggle", func() { s.toggleOption(p.list.cur) }}}
		}
		return []hint{{"-", "Less", func() { s.stepOption(-1) }}, {"+", "More", func() { s.stepOption(1) }},
			{"0-9", "Type", func() {}}, {"Enter", "Set", s.commitOption}}
	}
	s.reload[catDisplay] = s.reloadOptions
	s.addPage(catDisplay, p.list)
}

// reloadOptions shows each option's value.
func (s *setup) reloadOptions() {
	p := &s.options
	items := make([]string, len(displayOptions))
	for i, o := range displayOptions {
		if o.flag != nil {
			mark := " "
			if *o.flag(&s.r.set) {
				mark = "x"
			}
			items[i] = fmt.Sprintf("[%s] %s", mark, o.label)
			continue
		}
		v := strconv.Itoa(*o.num(&s.r.set))
		if i == p.list.cur && p.typed != "" {
			v = p.typed + "_"
		}
		items[i] = fmt.Sprintf("[%s] %s", v, o.label)
	}
	p.list.setItems(items)
}

// toggleOption turns switch i on or off. The edit sets the value shown, so
// the file gets what the user sees.
func (s *setup) toggleOption(i int) {
	o := displayOptions[i]
	v := !*o.flag(&s.r.set)
	s.apply(func(st *config.Settings) { *o.flag(st) = v })
}

// stepOption adds d to the number under the cursor.
func (s *setup) stepOption(d int) {
	o := displayOptions[s.options.list.cur]
	if o.num != nil {
		s.options.typed = ""
		s.setOption(o, *o.num(&s.r.set)+d)
	}
}

// commitOption is Enter: it toggles a switch, or sets the number typed.
func (s *setup) commitOption() {
	p := &s.options
	o := displayOptions[p.list.cur]
	switch {
	case o.flag != nil:
		s.toggleOption(p.list.cur)
	case p.typed != "":
		v, _ := strconv.Atoi(p.typed)
		p.typed = ""
		s.setOption(o, v)
	}
}

// setOption sets a number, kept within the range the config file allows.
func (s *setup) setOption(o displayOption, v int) {
	if lo, hi, ok := config.IntRange(o.num); ok {
		if v < lo || v > hi {
			s.say(fmt.Sprintf("%s: from %d to %d", o.label, lo, hi))
		}
		v = max(lo, min(v, hi))
	}
	s.apply(func(st *config.Settings) { *o.num(st) = v })
}

// buildColors makes the Colors page: the schemes, one chosen.
func (s *setup) buildColors() {
	l := newPickList(s, "Colors")
	choose := func(i int) {
		name := config.ColorSchemes[i]
		s.apply(func(st *config.Settings) { st.ColorScheme = name })
	}
	l.activate, l.clicked = choose, choose
	l.keys = func(ev *tcell.EventKey) bool {
		if is(ev, ch(' ')) {
			choose(l.cur)
			return true
		}
		return false
	}
	l.hints = func() []hint { return []hint{{"Space", "Choose", func() { choose(l.cur) }}} }
	s.colors = l
	s.reload[catColors] = func() {
		items := make([]string, len(config.ColorSchemes))
		for i, name := range config.ColorSchemes {
			mark := " "
			if name == s.r.set.ColorScheme {
				mark = "*"
			}
			items[i] = fmt.Sprintf("(%s) %s", mark, name)
		}
		l.setItems(items)
	}
	s.addPage(catColors, l)
}
