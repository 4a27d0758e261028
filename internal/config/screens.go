package config

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/pidtop/pidtop/internal/field"
)

// maxScreens bounds the tabs a file may make; it also bounds the work of
// making their names unique.
const maxScreens = 100

// fieldsHelp ends every message about a field name, so the user learns where
// the names are listed.
const fieldsHelp = "expected a field ID or htop name; pidtop --fields help lists them"

// screens replaces *p with the screens of the file. A screen that is not a
// table is left out; a bad key in a screen takes that key's default, which is
// the default screen's of the same name ("Main", "I/O") or else Main's.
func (d *decoder) screens(path string, v any, p *[]Screen) {
	var out []Screen
	n, ok := d.tables(path, v, "[[screens]] tables", "screens", maxScreens, func(sp string, t map[string]any) bool {
		out = append(out, d.screen(sp, t, len(out)+1, screenNames(out)))
		return true
	})
	if !ok {
		return
	}
	if len(out) == 0 {
		if n == 0 {
			d.problem(path, "no screens in %s (expected at least one [[screens]] table)", path)
		}
		return
	}
	*p = out
}

// screen decodes one [[screens]] table, the nth that loaded; taken are the
// names of the screens before it.
func (d *decoder) screen(sp string, t map[string]any, n int, taken []string) Screen {
	name := ""
	if v, ok := t["name"]; !ok {
		d.problem(sp, "%s has no name (expected name = \"...\")", sp)
	} else if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
		d.problem(sp+".name", "%s.name is blank (expected a name for the tab)", sp)
	} else {
		d.text(sp+".name", v, &name, nil, "")
	}
	if name == "" {
		name = "Screen " + strconv.Itoa(n)
	}
	if slices.Contains(taken, name) {
		unique := name
		for i := 2; slices.Contains(taken, unique); i++ {
			unique = name + " " + strconv.Itoa(i)
		}
		d.problem(sp+".name", "screen name %q is used twice, here renamed %q (expected each screen to have its own name)", name, unique)
		name = unique
	}
	sc := defaultScreen(name)
	for _, k := range slices.Sorted(maps.Keys(t)) {
		kp := sp + "." + k
		o := lookup(screenOptions, screenOptionKey, k)
		if o == nil {
			d.unknownKey(kp, sp, k, keysOf(screenOptions, screenOptionKey))
			continue
		}
		switch p := o.ptr(&sc).(type) {
		case *[]string:
			*p = d.columns(kp, t[k], *p)
		case *bool:
			d.boolean(kp, t[k], p)
		case *string:
			if p != &sc.Name { // the name was decoded first, above
				d.sortKey(kp, t[k], p)
			}
		}
	}
	return sc
}

// columns resolves a column list to field IDs, leaving out unknown names and
// repeats. A list left with no column falls back to def.
func (d *decoder) columns(path string, v any, def []string) []string {
	list, ok := v.([]any)
	if !ok {
		d.wrongType(path, v, "an array of field names")
		return def
	}
	var out []string
	for i, e := range list {
		ep := path + "[" + strconv.Itoa(i) + "]"
		name, ok := e.(string)
		if !ok {
			d.wrongType(ep, e, "a field name (a string)")
			continue
		}
		f, ok := field.Lookup(name)
		if !ok {
			d.problem(ep, "unknown column %q in %s (%s)", name, path, fieldsHelp)
			continue
		}
		if !slices.Contains(out, f.ID) {
			out = append(out, f.ID)
		}
	}
	if len(out) == 0 {
		if len(list) == 0 {
			d.problem(path, "no columns in %s (%s)", path, fieldsHelp)
		}
		return def
	}
	return out
}

func (d *decoder) sortKey(path string, v any, p *string) {
	name, ok := v.(string)
	if !ok {
		d.wrongType(path, v, "a field name (a string)")
		return
	}
	f, ok := field.Lookup(name)
	if !ok {
		d.problem(path, "unknown sort key %q in %s (%s)", name, path,
			strings.Replace(fieldsHelp, "--fields", "--sort-key", 1))
		return
	}
	*p = f.ID
}

// tables calls each for every table of v, an array of tables at path (what
// names it in a message), until limit of them were taken (each returns
// whether it took its table); an element that is not a table is a problem.
// It returns the array's length, and false when v is not an array.
func (d *decoder) tables(path string, v any, what, noun string, limit int, each func(ep string, t map[string]any) bool) (int, bool) {
	list, ok := v.([]any)
	if !ok {
		d.wrongType(path, v, what)
		return 0, false
	}
	taken := 0
	for i, e := range list {
		ep := path + "[" + strconv.Itoa(i) + "]"
		if taken == limit {
			d.problem(ep, "more than %d %s: %s and those after it are left out", limit, noun, ep)
			break
		}
		t, ok := e.(map[string]any)
		if !ok {
			d.wrongType(ep, e, "a table")
			continue
		}
		if each(ep, t) {
			taken++
		}
	}
	return len(list), true
}

func screenNames(screens []Screen) []string {
	names := make([]string, len(screens))
	for i, s := range screens {
		names[i] = s.Name
	}
	return names
}
