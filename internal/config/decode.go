package config

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// decoder applies a parsed document over the defaults. Each bad entry adds a
// problem and leaves that entry's default; everything else still applies.
type decoder struct {
	file  string
	pos   positions
	probs []Problem
}

// problem records msg against the line of the entry at path.
func (d *decoder) problem(path, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: d.pos.line(path), Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) settings(doc map[string]any) Settings {
	s := Defaults()
	for _, key := range slices.Sorted(maps.Keys(doc)) {
		o := lookup(options, optionKey, key)
		if o == nil {
			d.unknownKey(key, "", key, keysOf(options, optionKey))
			continue
		}
		switch p := o.ptr(&s).(type) {
		case *bool:
			d.boolean(key, doc[key], p)
		case *int:
			d.integer(key, doc[key], p, o.min, o.max)
		case *string:
			d.text(key, doc[key], p, o.enum, o.noun)
		case *[]Meter:
			d.meters(key, doc[key], p)
		case *[]Screen:
			d.screens(key, doc[key], p)
		case *Exporter:
			d.exporter(key, doc[key], p)
		}
	}
	// The active screen is checked last, against the screens that loaded.
	if !slices.ContainsFunc(s.Screens, func(sc Screen) bool { return sc.Name == s.ActiveScreen }) {
		if _, given := doc["active_screen"]; given {
			d.problem("active_screen", "active_screen %q names no screen (expected one of: %s)",
				s.ActiveScreen, quoteList(screenNames(s.Screens)))
		}
		s.ActiveScreen = s.Screens[0].Name
	}
	return s
}

func (d *decoder) unknownKey(path, in, key string, known []string) {
	where := ""
	if in != "" {
		where = " in " + in
	}
	if near := nearest(key, known); near != "" {
		d.problem(path, "unknown key %q%s (did you mean %q?)", key, where, near)
		return
	}
	d.problem(path, "unknown key %q%s (expected one of: %s)", key, where, strings.Join(known, ", "))
}

func (d *decoder) wrongType(path string, v any, want string) {
	d.problem(path, "wrong type for %s: expected %s, got %s", path, want, typeName(v))
}

func (d *decoder) boolean(path string, v any, p *bool) {
	b, ok := v.(bool)
	if !ok {
		d.wrongType(path, v, "true or false")
		return
	}
	*p = b
}

func (d *decoder) integer(path string, v any, p *int, lo, hi int) {
	n, ok := v.(int64)
	if !ok {
		d.wrongType(path, v, "an integer")
		return
	}
	if n < int64(lo) || n > int64(hi) {
		d.problem(path, "%s = %d is out of range (expected %d to %d)", path, n, lo, hi)
		return
	}
	*p = int(n)
}

// text sets a string. With enum set, the value must be one of it, a noun.
func (d *decoder) text(path string, v any, p *string, enum []string, noun string) {
	s, ok := v.(string)
	if !ok {
		d.wrongType(path, v, "a string")
		return
	}
	if enum != nil && !slices.Contains(enum, s) {
		d.problem(path, "unknown %s %q in %s (expected one of: %s)", noun, s, path, strings.Join(enum, ", "))
		return
	}
	*p = s
}

// meters replaces *p with the meters that load; a bad meter is left out, a
// bad mode takes the meter's default mode.
func (d *decoder) meters(path string, v any, p *[]Meter) {
	list, ok := v.([]any)
	if !ok {
		d.wrongType(path, v, `an array of meters like { name = "cpus", mode = "bar" }`)
		return
	}
	out := []Meter{}
	for i, e := range list {
		ep := path + "[" + strconv.Itoa(i) + "]"
		t, ok := e.(map[string]any)
		if !ok {
			d.wrongType(ep, e, `a meter like { name = "cpus", mode = "bar" }`)
			continue
		}
		if m, ok := d.meter(ep, t); ok {
			out = append(out, m)
		}
	}
	*p = out
}

// meter decodes one meter's table. The name comes first: the default mode
// depends on it.
func (d *decoder) meter(ep string, t map[string]any) (Meter, bool) {
	var m Meter
	name, ok := t["name"]
	if !ok {
		d.problem(ep, "meter %s has no name (expected one of: %s)", ep, strings.Join(MeterNames, ", "))
		return m, false
	}
	if d.text(ep+".name", name, &m.Name, MeterNames, "meter"); m.Name == "" {
		return m, false
	}
	m.Mode = defaultMode(m.Name)
	for _, k := range slices.Sorted(maps.Keys(t)) {
		o := lookup(meterOptions, meterOptionKey, k)
		if o == nil {
			d.unknownKey(ep+"."+k, ep, k, keysOf(meterOptions, meterOptionKey))
		} else if k != "name" {
			d.text(ep+"."+k, t[k], o.ptr(&m).(*string), o.enum, o.noun)
		}
	}
	return m, true
}

// typeName says what a decoded TOML value is, in a message's words.
func typeName(v any) string {
	switch v.(type) {
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date-time"
	}
	return "a date or time"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// nearest is the known key within two edits of key, for "did you mean".
func nearest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if dist := distance(key, k); dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes: keys are
// ASCII.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64 // too far to be a typo; keeps a fuzzed key from costing much
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
