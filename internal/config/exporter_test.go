package config

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// A bad entry in [exporter] is one problem with its line, and takes its
// default; a bad group rule is left out, the others load.
func TestExporterProblems(t *testing.T) {
	file := `[exporter]
group_by = "pid"
top_k = -1
max_groups = 0
colour = true

[[exporter.groups]]
name = "web"
comm = "nginx|caddy"

[[exporter.groups]]
name = "bad"
comm = "("

[[exporter.groups]]
comm = "x"

[[exporter.groups]]
name = "nothing"

[[exporter.groups]]
name = "db"
cmdline = "postgres"
extra = 1
`
	s, probs, ok := parse("c.toml", []byte(file))
	if !ok {
		t.Fatal("parse failed")
	}
	want := []string{
		`c.toml:2: unknown grouping "pid" in exporter.group_by (expected one of: comm, user, cgroup)`,
		"c.toml:3: exporter.top_k = -1 is out of range (expected 0 to 1000)",
		"c.toml:4: exporter.max_groups = 0 is out of range (expected 1 to 10000)",
		`c.toml:5: unknown key "colour" in exporter (expected one of: group_by, top_k, max_groups, io, context_switches, pss, groups)`,
		"c.toml:13: exporter.groups[1].comm: error parsing regexp: missing closing ): `(` (the rule is left out)",
		`c.toml:15: exporter.groups[2] has no name (expected name = "..."; the rule is left out)`,
		"c.toml:18: exporter.groups[3] has neither comm nor cmdline (expected a regular expression in one; the rule is left out)",
		`c.toml:24: unknown key "extra" in exporter.groups[4] (expected one of: name, comm, cmdline)`,
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	e := defaultExporter()
	e.Groups = []GroupRule{{Name: "web", Comm: "nginx|caddy"}, {Name: "db", Cmdline: "postgres"}}
	if !reflect.DeepEqual(s.Exporter, e) {
		t.Errorf("loaded %+v, want %+v", s.Exporter, e)
	}
}

// Every field of Exporter and GroupRule has a key in the option tables; the
// sample shows each [exporter] key with a comment, and the rules' keys in
// its example.
func TestExporterKeysInSample(t *testing.T) {
	data, err := os.ReadFile("sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	sample := string(data)
	var e Exporter
	keys := map[any]string{}
	for _, o := range exporterOptions {
		keys[o.ptr(&e)] = o.key
	}
	walk(t, reflect.ValueOf(&e).Elem(), keys, func(key string) bool {
		return regexp.MustCompile(`(?m)^# .+\n(` + key + ` = |#   \[\[exporter\.` + key + `\]\])`).MatchString(sample)
	})
	var r GroupRule
	keys = map[any]string{}
	for _, o := range groupOptions {
		keys[o.ptr(&r)] = o.key
	}
	walk(t, reflect.ValueOf(&r).Elem(), keys, func(key string) bool {
		return strings.Contains(sample, "#   "+key+" = ")
	})
}
