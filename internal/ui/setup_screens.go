package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/field"
)

// The Screens page: htop's tabs, the columns of the one shown, and every field
// that can be a column. The screen under the cursor is the one shown, so the
// table above the panels is the screen being edited.

// maxScreenName bounds a screen's name: it is a tab's label.
const maxScreenName = 32

// The keys of the setup screen's lists, htop's in its setup panels.
var (
	upKeys     = []keyID{special(tcell.KeyF7), ch('['), ch('-')}
	downKeys   = []keyID{special(tcell.KeyF8), ch(']'), ch('+'), ch('=')}
	removeKeys = []keyID{special(tcell.KeyF9), special(tcell.KeyDelete)}
	newKeys    = []keyID{special(tcell.KeyF5), special(tcell.KeyInsert)}
)

// is reports whether ev is one of keys.
func is(ev *tcell.EventKey, keys ...keyID) bool { return slices.Contains(keys, idOf(ev)) }

type screensPage struct {
	list, cols, avail *pickList
	fields            []*field.Field // the available list's, in registry order
	colsOf            string         // the screen whose columns cols shows
	jump              string         // typed in the available list: the prefix sought
}

func (s *setup) buildScreens() {
	p := &s.screens
	p.list, p.cols, p.avail = newPickList(s, "Screens"), newPickList(s, "Columns"), newPickList(s, "Available columns")
	p.list.width, p.cols.width = 16, 14
	for _, f := range field.AllFields() {
		if f.AvailableHere() {
			p.fields = append(p.fields, f)
			p.avail.items = append(p.avail.items, fmt.Sprintf("%-10s %-22s %s", f.Title, f.ID, f.Desc))
		}
	}

	p.list.moved = func(i int) {
		name := s.r.set.Screens[i].Name
		s.apply(func(st *config.Settings) { st.ActiveScreen = name })
	}
	p.list.activate = func(int) { s.renameScreen() }
	p.list.keys = func(ev *tcell.EventKey) bool {
		return s.keyDo(ev, []keyAct{{newKeys, s.newScreen}, {[]keyID{special(tcell.KeyF2)}, s.renameScreen},
			{removeKeys, s.deleteScreen}, {upKeys, func() { s.moveScreen(-1) }}, {downKeys, func() { s.moveScreen(1) }}})
	}
	p.list.hints = func() []hint {
		return []hint{{"F5", "New", s.newScreen}, {"F2", "Rename", s.renameScreen},
			{"F7", "Up", func() { s.moveScreen(-1) }}, {"F8", "Down", func() { s.moveScreen(1) }}, {"F9", "Delete", s.deleteScreen}}
	}

	p.cols.keys = func(ev *tcell.EventKey) bool {
		return s.keyDo(ev, []keyAct{{removeKeys, s.removeColumn},
			{upKeys, func() { s.moveColumn(-1) }}, {downKeys, func() { s.moveColumn(1) }}})
	}
	p.cols.hints = func() []hint {
		return []hint{{"F7", "Up", func() { s.moveColumn(-1) }}, {"F8", "Down", func() { s.moveColumn(1) }},
			{"F9", "Remove", s.removeColumn}}
	}

	p.avail.activate = s.addColumn
	p.avail.keys = p.jumpTo
	p.avail.hints = func() []hint {
		return []hint{{"Enter", "Add", func() { s.addColumn(p.avail.cur) }}, {"a-z", "Find", func() {}}}
	}
	s.reload[catScreens] = s.reloadScreens
	s.addPage(catScreens, p.list, p.cols, p.avail)
}

// keyAct is a list's key and what it does.
type keyAct struct {
	keys []keyID
	do   func()
}

// keyDo runs the action of the first entry that names ev's key.
func (s *setup) keyDo(ev *tcell.EventKey, acts []keyAct) bool {
	for _, a := range acts {
		if is(ev, a.keys...) {
			a.do()
			return true
		}
	}
	return false
}

// reloadScreens shows the screens and the shown screen's columns.
func (s *setup) reloadScreens() {
	p := &s.screens
	names := make([]string, len(s.r.set.Screens))
	for i, sc := range s.r.set.Screens {
		names[i] = Sanitize(sc.Name)
	}
	p.list.setItems(names)
	p.list.setCursor(s.r.set.ScreenIndex(s.r.set.ActiveScreen))
	cols := s.columns()
	items := make([]string, len(cols))
	for i, id := range cols {
		items[i] = id
		if f, ok := field.Lookup(id); ok {
			items[i] = f.Title
		}
	}
	p.cols.setItems(items)
	if name := s.r.activeScreen().Name; name != p.colsOf {
		// Another screen: the cursor starts on its last column (Command), before
		// which htop's Enter inserts a column.
		p.colsOf = name
		p.cols.setCursor(len(items) - 1)
	}
}

// columns are the shown screen's columns (htop's when it names none).
func (s *setup) columns() []string {
	if cols := s.r.activeScreen().Columns; len(cols) > 0 {
		return slices.Clone(cols)
	}
	return config.Defaults().Screens[0].Columns
}

// setColumns gives the shown screen the columns cols. The edit carries the
// whole list: the file's copy of the screen gets what the user sees.
func (s *setup) setColumns(cols []string) {
	s.apply(editScreen(s.r.activeScreen().Name, func(sc *config.Screen) { sc.Columns = slices.Clone(cols) }))
}

// addColumn inserts the available list's field i before the column under the
// cursor, which stays on that column, as htop does: fields added one after
// another come in that order before it.
func (s *setup) addColumn(i int) {
	p := &s.screens
	if i < 0 || i >= len(p.fields) {
		return
	}
	f := p.fields[i]
	cols := s.columns()
	if j := slices.Index(cols, f.ID); j >= 0 {
		p.cols.setCursor(j)
		s.say(f.Title + " is already a column")
		return
	}
	at := max(0, min(p.cols.cur, len(cols)))
	s.setColumns(slices.Insert(cols, at, f.ID))
	p.cols.setCursor(at + 1)
}

// removeColumn removes the column under the cursor; a screen keeps one.
func (s *setup) removeColumn() {
	cols := s.columns()
	i := s.screens.cols.cur
	if len(cols) <= 1 || i >= len(cols) {
		s.say("a screen needs at least one column")
		return
	}
	s.setColumns(slices.Delete(cols, i, i+1))
}

// moveColumn moves the column under the cursor one place left (-1) or right.
func (s *setup) moveColumn(d int) {
	cols := s.columns()
	i := s.screens.cols.cur
	j := i + d
	if i >= len(cols) || j < 0 || j >= len(cols) {
		return
	}
	cols[i], cols[j] = cols[j], cols[i]
	s.setColumns(cols)
	s.screens.cols.setCursor(j)
}

// jumpTo moves the available list to the first field whose ID or title starts
// with what was typed; another key starts a new search.
func (p *screensPage) jumpTo(ev *tcell.EventKey) bool {
	if ev.Key() != tcell.KeyRune || ev.Modifiers()&(tcell.ModAlt|tcell.ModCtrl) != 0 {
		p.jump = ""
		return false
	}
	find := func(prefix string) int {
		return slices.IndexFunc(p.fields, func(f *field.Field) bool {
			return strings.HasPrefix(f.ID, prefix) || strings.HasPrefix(strings.ToLower(f.Title), prefix)
		})
	}
	r := strings.ToLower(string(ev.Rune()))
	i := find(p.jump + r)
	if i < 0 {
		p.jump = ""
		i = find(r)
	}
	if i >= 0 {
		p.jump += r
		p.avail.setCursor(i)
	}
	return true
}

// screenName cleans a typed name: what is saved is what the tab shows.
func screenName(text string) string { return strings.TrimSpace(Sanitize(text)) }

// checkName says what is wrong with a new name for a screen ("" if nothing);
// old is the screen's current name ("" for a new screen).
func (s *setup) checkName(name, old string) string {
	switch {
	case name == "":
		return "a screen needs a name"
	case name != old && slices.ContainsFunc(s.r.set.Screens, func(sc config.Screen) bool { return sc.Name == name }):
		return "there is a screen named " + name + " already"
	}
	return ""
}

// newScreen asks a name and adds a screen with htop's default columns after
// the others; it is then the one shown and edited.
func (s *setup) newScreen() {
	s.ask("New screen name: ", "", func(text string) {
		name := screenName(text)
		if msg := s.checkName(name, ""); msg != "" {
			s.say(msg)
			return
		}
		sc := config.Defaults().Screens[0]
		sc.Name = name
		s.apply(func(st *config.Settings) {
			c := sc
			c.Columns = slices.Clone(sc.Columns) // each Settings its own copy
			st.Screens = append(slices.Clip(st.Screens), c)
			st.ActiveScreen = name
		})
	})
}

// renameScreen asks a new name for the screen under the cursor.
func (s *setup) renameScreen() {
	old := s.r.activeScreen().Name
	s.ask("Rename screen: ", old, func(text string) {
		name := screenName(text)
		if msg := s.checkName(name, old); msg != "" || name == old {
			s.say(msg)
			return
		}
		s.apply(func(st *config.Settings) {
			for i := range st.Screens {
				if st.Screens[i].Name == old {
					st.Screens[i].Name = name
				}
			}
			if st.ActiveScreen == old {
				st.ActiveScreen = name
			}
		})
	})
}

// deleteScreen deletes the screen under the cursor, never the last one; the
// next screen (or the previous, at the end) is then shown.
func (s *setup) deleteScreen() {
	if len(s.r.set.Screens) <= 1 {
		s.say("the last screen cannot be deleted")
		return
	}
	name := s.r.activeScreen().Name
	s.apply(func(st *config.Settings) {
		i := slices.IndexFunc(st.Screens, func(sc config.Screen) bool { return sc.Name == name })
		if i < 0 || len(st.Screens) <= 1 {
			return
		}
		// A new array: the caller's Settings may share this one.
		st.Screens = append(slices.Clone(st.Screens[:i]), st.Screens[i+1:]...)
		if st.ActiveScreen == name {
			st.ActiveScreen = st.Screens[min(i, len(st.Screens)-1)].Name
		}
	})
}

// moveScreen moves the screen under the cursor one tab left (-1) or right.
func (s *setup) moveScreen(d int) {
	name := s.r.activeScreen().Name
	s.apply(func(st *config.Settings) {
		i := slices.IndexFunc(st.Screens, func(sc config.Screen) bool { return sc.Name == name })
		if i < 0 || i+d < 0 || i+d >= len(st.Screens) {
			return
		}
		st.Screens = slices.Clone(st.Screens)
		st.Screens[i], st.Screens[i+d] = st.Screens[i+d], st.Screens[i]
	})
}
