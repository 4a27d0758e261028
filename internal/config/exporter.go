package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Exporter is how pidtop --listen groups processes into metrics.
type Exporter struct {
	// GroupBy is what a process not matched by a rule is grouped by: one of
	// GroupBys.
	GroupBy string
	// TopK is how many processes get series of their own, the top ones by CPU
	// and the top ones by memory (so up to twice TopK); 0: none.
	TopK int
	// MaxGroups bounds the groups with series of their own; processes of the
	// groups beyond it are counted together under OverflowGroup.
	MaxGroups int
	IO        bool // read and export I/O bytes (Linux: /proc/PID/io)
	CtxtSw    bool // read and export context switches (Linux: /proc/PID/status)
	PSS       bool // read and export PSS (Linux: smaps_rollup, the costliest file)
	// Groups are named rules, tried in order before GroupBy.
	Groups []GroupRule
}

// GroupRule puts the processes it matches into the group Name. A rule with
// both patterns needs both to match.
type GroupRule struct {
	Name    string
	Comm    string // a regular expression matched against the whole name (comm)
	Cmdline string // a regular expression searched for in the command line
}

// GroupBys are the values of group_by.
var GroupBys = []string{"comm", "user", "cgroup"}

// Ranges of the exporter's numbers.
const (
	minTopK, maxTopK           = 0, 1000
	minMaxGroups, maxMaxGroups = 1, 10000
	maxGroupRules              = 1000
)

func defaultExporter() Exporter {
	return Exporter{GroupBy: "comm", TopK: 10, MaxGroups: 300, IO: true, CtxtSw: true}
}

// exporterOption is one key of the [exporter] table.
type exporterOption struct {
	key, doc string
	ptr      func(*Exporter) any
	min, max int
	enum     []string
}

var exporterOptions = []exporterOption{
	{key: "group_by", doc: "group the processes no [[exporter.groups]] rule matches by: " + strings.Join(GroupBys, ", "),
		ptr: func(e *Exporter) any { return &e.GroupBy }, enum: GroupBys},
	{key: "top_k", doc: "processes with series of their own: the top_k by CPU and the top_k by memory; 0: none",
		ptr: func(e *Exporter) any { return &e.TopK }, min: minTopK, max: maxTopK},
	{key: "max_groups", doc: "groups with series of their own; the processes of any more are counted in the group \"~other\"",
		ptr: func(e *Exporter) any { return &e.MaxGroups }, min: minMaxGroups, max: maxMaxGroups},
	{key: "io", doc: "export each group's storage I/O bytes (reads /proc/PID/io)",
		ptr: func(e *Exporter) any { return &e.IO }},
	{key: "context_switches", doc: "export each group's context switches (reads /proc/PID/status)",
		ptr: func(e *Exporter) any { return &e.CtxtSw }},
	{key: "pss", doc: "export each group's proportional set size (reads smaps_rollup: costly at thousands of processes)",
		ptr: func(e *Exporter) any { return &e.PSS }},
	{key: "groups", doc: "rules tried in order before group_by: one [[exporter.groups]] table each, with a name and a comm and/or cmdline regular expression",
		ptr: func(e *Exporter) any { return &e.Groups }},
}

// groupOption is one key of an [[exporter.groups]] table.
type groupOption struct {
	key, doc string
	ptr      func(*GroupRule) *string
}

var groupOptions = []groupOption{
	{"name", "the group's name, its metrics' group label", func(r *GroupRule) *string { return &r.Name }},
	{"comm", "a regular expression the whole process name (comm) must match", func(r *GroupRule) *string { return &r.Comm }},
	{"cmdline", "a regular expression the command line must contain a match of", func(r *GroupRule) *string { return &r.Cmdline }},
}

func exporterOptionKey(o *exporterOption) string { return o.key }
func groupOptionKey(o *groupOption) string       { return o.key }

// exporter decodes the [exporter] table over the defaults.
func (d *decoder) exporter(path string, v any, p *Exporter) {
	t, ok := v.(map[string]any)
	if !ok {
		d.wrongType(path, v, "an [exporter] table")
		return
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		kp := path + "." + k
		o := lookup(exporterOptions, exporterOptionKey, k)
		if o == nil {
			d.unknownKey(kp, path, k, keysOf(exporterOptions, exporterOptionKey))
			continue
		}
		switch q := o.ptr(p).(type) {
		case *bool:
			d.boolean(kp, t[k], q)
		case *int:
			d.integer(kp, t[k], q, o.min, o.max)
		case *string:
			d.text(kp, t[k], q, o.enum, "grouping")
		case *[]GroupRule:
			d.groupRules(kp, t[k], q)
		}
	}
}

// groupRules replaces *p with the rules that load; a bad rule is left out.
func (d *decoder) groupRules(path string, v any, p *[]GroupRule) {
	var out []GroupRule // none that load is nil, as the default: what the writer writes reads back equal
	if _, ok := d.tables(path, v, "[[exporter.groups]] tables", "group rules", maxGroupRules, func(ep string, t map[string]any) bool {
		r, ok := d.groupRule(ep, t)
		if ok {
			out = append(out, r)
		}
		return ok
	}); ok {
		*p = out
	}
}

func (d *decoder) groupRule(ep string, t map[string]any) (GroupRule, bool) {
	var r GroupRule
	ok := true
	for _, k := range slices.Sorted(maps.Keys(t)) {
		o := lookup(groupOptions, groupOptionKey, k)
		if o == nil {
			d.unknownKey(ep+"."+k, ep, k, keysOf(groupOptions, groupOptionKey))
			continue
		}
		q := o.ptr(&r)
		d.text(ep+"."+k, t[k], q, nil, "")
		if k != "name" && *q != "" {
			if _, err := regexp.Compile(*q); err != nil {
				d.problem(ep+"."+k, "%s.%s: %v (the rule is left out)", ep, k, err)
				ok = false
			}
		}
	}
	switch {
	case strings.TrimSpace(r.Name) == "":
		d.problem(ep, "%s has no name (expected name = \"...\"; the rule is left out)", ep)
		return r, false
	case r.Comm == "" && r.Cmdline == "":
		d.problem(ep, "%s has neither comm nor cmdline (expected a regular expression in one; the rule is left out)", ep)
		return r, false
	}
	return r, ok
}

// encodeExporter writes the [exporter] table, and the rules after it.
func encodeExporter(b *strings.Builder, e Exporter) {
	b.WriteString("[exporter]\n")
	for _, o := range exporterOptions {
		if rules, ok := o.ptr(&e).(*[]GroupRule); ok {
			fmt.Fprintf(b, "# %s; for example:\n", o.doc)
			b.WriteString("#   [[exporter.groups]]\n#   name = \"web\"\n#   comm = \"nginx|caddy\"\n" +
				"#   [[exporter.groups]]\n#   name = \"postgres\"\n#   cmdline = \"^postgres: \"\n")
			for _, r := range *rules {
				b.WriteString("\n[[exporter.groups]]\n")
				for _, g := range groupOptions {
					if v := *g.ptr(&r); v != "" || g.key == "name" {
						fmt.Fprintf(b, "# %s\n%s = %s\n", g.doc, g.key, quote(v))
					}
				}
			}
			continue
		}
		fmt.Fprintf(b, "# %s\n%s = %s\n", o.doc, o.key, scalar(o.ptr(&e)))
	}
}
