package ui

import (
	"fmt"
	"slices"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/config"
)

// The Meters page: the header's left and right columns, and the meters that
// can be added. Edits change Settings.Left and Settings.Right; the header
// draws from them.

type metersPage struct {
	left, right, avail *pickList
	into               *pickList // the column the available list adds to: the last one focused
}

// side is where a column's meters live in the settings.
func (p *metersPage) side(l *pickList) func(*config.Settings) *[]config.Meter {
	if l == p.right {
		return func(s *config.Settings) *[]config.Meter { return &s.Right }
	}
	return func(s *config.Settings) *[]config.Meter { return &s.Left }
}

func (s *setup) buildMeters() {
	p := &s.meters
	p.left, p.right, p.avail = newPickList(s, "Left column"), newPickList(s, "Right column"), newPickList(s, "Available meters")
	p.into = p.left
	for _, l := range []*pickList{p.left, p.right} {
		across := hint{">", "To right", func() { s.meterAcross(l) }}
		if l == p.right {
			across = hint{"<", "To left", func() { s.meterAcross(l) }}
		}
		l.keys = func(ev *tcell.EventKey) bool {
			return s.keyDo(ev, []keyAct{{removeKeys, func() { s.removeMeter(l) }},
				{upKeys, func() { s.moveMeter(l, -1) }}, {downKeys, func() { s.moveMeter(l, 1) }},
				{[]keyID{ch(' '), special(tcell.KeyF4)}, func() { s.meterMode(l) }},
				{[]keyID{ch([]rune(across.key)[0])}, across.do}})
		}
		l.activate = func(int) { s.meterMode(l) }
		l.hints = func() []hint {
			return []hint{{"Space", "Bar/Text", func() { s.meterMode(l) }}, {"F7", "Up", func() { s.moveMeter(l, -1) }},
				{"F8", "Down", func() { s.moveMeter(l, 1) }}, across, {"F9", "Remove", func() { s.removeMeter(l) }}}
		}
	}
	p.avail.width = 22
	p.avail.items = slices.Clone(config.MeterNames)
	p.avail.activate = func(i int) { s.addMeter(config.MeterNames[i]) }
	p.avail.hints = func() []hint {
		where := "Add left"
		if p.into == p.right {
			where = "Add right"
		}
		return []hint{{"Enter", where, func() { s.addMeter(config.MeterNames[p.avail.cur]) }}}
	}
	s.reload[catMeters] = func() {
		p.left.setItems(meterItems(s.r.set.Left))
		p.right.setItems(meterItems(s.r.set.Right))
	}
	s.addPage(catMeters, p.left, p.right, p.avail)
}

func meterItems(ms []config.Meter) []string {
	items := make([]string, len(ms))
	for i, m := range ms {
		items[i] = fmt.Sprintf("%-8s [%s]", Sanitize(m.Name), Sanitize(m.Mode))
	}
	return items
}

// setMeters gives a column the meters ms; the edit carries the whole column,
// so the file's copy gets what the user sees.
func (s *setup) setMeters(l *pickList, ms []config.Meter) {
	side := s.meters.side(l)
	s.apply(func(st *config.Settings) { *side(st) = slices.Clone(ms) })
}

// meters are a column's meters, a copy to edit.
func (s *setup) metersOf(l *pickList) []config.Meter {
	return slices.Clone(*s.meters.side(l)(&s.r.set))
}

// addMeter adds a meter, in its usual mode, at the end of the column last
// focused.
func (s *setup) addMeter(name string) {
	l := s.meters.into
	ms := append(s.metersOf(l), config.Meter{Name: name, Mode: config.DefaultMeterMode(name)})
	s.setMeters(l, ms)
	l.setCursor(len(ms) - 1)
}

func (s *setup) removeMeter(l *pickList) {
	ms := s.metersOf(l)
	if i := l.cur; i < len(ms) {
		s.setMeters(l, slices.Delete(ms, i, i+1))
	}
}

func (s *setup) moveMeter(l *pickList, d int) {
	ms := s.metersOf(l)
	i, j := l.cur, l.cur+d
	if i >= len(ms) || j < 0 || j >= len(ms) {
		return
	}
	ms[i], ms[j] = ms[j], ms[i]
	s.setMeters(l, ms)
	l.setCursor(j)
}

// meterMode switches the meter under the cursor between bar and text.
func (s *setup) meterMode(l *pickList) {
	ms := s.metersOf(l)
	if i := l.cur; i < len(ms) {
		ms[i].Mode = map[string]string{config.ModeBar: config.ModeText}[ms[i].Mode]
		if ms[i].Mode == "" {
			ms[i].Mode = config.ModeBar
		}
		s.setMeters(l, ms)
	}
}

// meterAcross moves the meter under the cursor to the other column, before
// that column's cursor, and follows it there.
func (s *setup) meterAcross(l *pickList) {
	p := &s.meters
	other := p.left
	if l == p.left {
		other = p.right
	}
	from, to := s.metersOf(l), s.metersOf(other)
	i := l.cur
	if i >= len(from) {
		return
	}
	at := max(0, min(other.cur, len(to)))
	to = slices.Insert(to, at, from[i])
	from = slices.Delete(from, i, i+1)
	fromSide, toSide := p.side(l), p.side(other)
	s.apply(func(st *config.Settings) {
		*fromSide(st), *toSide(st) = slices.Clone(from), slices.Clone(to)
	})
	other.setCursor(at)
	s.r.app.SetFocus(other)
}
