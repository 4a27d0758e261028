package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pidtop/pidtop/internal/field"
)

// osNames names a field's operating systems for the tables below.
func osNames(o field.OS) string {
	if o == field.All {
		return "all"
	}
	var n []string
	for _, x := range []struct {
		os   field.OS
		name string
	}{{field.Linux, "Linux"}, {field.Darwin, "macOS"}, {field.FreeBSD, "FreeBSD"}, {field.Windows, "Windows"}} {
		if o&x.os != 0 {
			n = append(n, x.name)
		}
	}
	return strings.Join(n, ", ")
}

// writeFieldHelp lists every field for `--fields help` and `--sort-key help`.
func writeFieldHelp(w io.Writer) {
	fmt.Fprintf(w, "Fields (-o/--fields, -s/--sort-key, config columns); names are case-insensitive,\n"+
		"htop's column names work too. * = only in JSON when asked for with --fields.\n\n")
	fmt.Fprintf(w, "  %-24s %-16s %-10s %s\n", "ID", "htop name", "unit", "meaning")
	for _, f := range field.AllFields() {
		star := " "
		if f.Optional {
			star = "*"
		}
		desc := f.Desc
		if f.OS != field.All {
			desc += " [" + osNames(f.OS) + "]"
		}
		fmt.Fprintf(w, "%s %-24s %-16s %-10s %s\n", star, f.ID, f.Htop, f.Unit, desc)
	}
}

// fieldsMarkdown is the README's table of fields, made from the registry (the
// README test keeps the two equal; `go test ./cmd/pidtop -update` rewrites it).
func fieldsMarkdown() string {
	var b strings.Builder
	b.WriteString("| field | htop | title | unit | OS | JSON | meaning |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, f := range field.AllFields() {
		json := "yes"
		if f.Optional {
			json = "asked"
		}
		desc := strings.ReplaceAll(f.Desc, "|", "\\|")
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", f.ID, f.Htop, f.Title, f.Unit,
			osNames(f.OS), json, desc)
	}
	return b.String()
}

// flagsMarkdown is the README's table of flags, made from the same flag set the
// parser uses (the README test keeps the two equal).
func flagsMarkdown() string {
	var o options
	fs, _ := newFlagSet(&o)
	var b strings.Builder
	b.WriteString("| flag | meaning |\n| --- | --- |\n")
	for _, d := range flagDocs(fs) {
		names := "`--" + d.f.Name
		switch {
		case d.value != "" && d.optional:
			names += "[=" + d.value + "]"
		case d.value != "":
			names += " " + d.value
		}
		names += "`"
		if d.f.Shorthand != "" {
			names = "`-" + d.f.Shorthand + "`, " + names
		}
		fmt.Fprintf(&b, "| %s | %s |\n", names, strings.ReplaceAll(d.usage, "|", "\\|"))
	}
	return b.String()
}
