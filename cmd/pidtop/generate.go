package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/layer"
)

// generators are what --generate writes: the man page and the completion
// scripts, all made from the flag set the parser uses and from the field
// registry, so none of them can list a flag or a field the program lacks.
// They are in the program itself, not in a generator of their own, so a
// `go install` build can write them too and they are always its own flags.
// "layers" lists the optimisation layers PIDTOP_OFF can switch off, one
// name, tab, judged-by figure per line, for the bench's rows.
var generators = []string{"man", "bash", "zsh", "fish", "layers"}

// generate writes what's output to w: errHelp when it did (status 0).
func generate(w io.Writer, what string, fs *pflag.FlagSet) error {
	switch what {
	case "man":
		writeMan(w, fs)
	case "bash":
		writeBash(w, fs)
	case "zsh":
		writeZsh(w, fs)
	case "fish":
		writeFish(w, fs)
	case "layers":
		for _, l := range layer.All {
			fmt.Fprintf(w, "%s\t%s\n", l.Name, l.Figure)
		}
	default:
		return errUsage{fmt.Errorf("--generate %q: want one of %s", what, strings.Join(generators, ", "))}
	}
	return errHelp
}

// roff escapes text for a man page: a backslash is \e, a hyphen \- (so it
// is not turned into a typographic one and searches find options), and a
// line may not start with a control character.
func roff(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

// flagDoc is one flag as the man page and the completions describe it.
type flagDoc struct {
	f        *pflag.Flag
	value    string // the value's name, "" for a switch
	optional bool   // the value may be left out (-u, -H)
	usage    string // the sentence, with its default
}

// flagDocs lists the flags of fs in their order, hidden ones left out.
func flagDocs(fs *pflag.FlagSet) []flagDoc {
	var out []flagDoc
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		value, usage := pflag.UnquoteUsage(f)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		out = append(out, flagDoc{f: f, value: value, optional: f.NoOptDefVal != "", usage: usage})
	})
	return out
}

// writeMan writes the man page, section 1, in man(7) macros.
func writeMan(w io.Writer, fs *pflag.FlagSet) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format+"\n", a...) }
	p(`.TH PIDTOP 1 "" "pidtop %s" "User Commands"`, roff(versionString()))
	p(".SH NAME\npidtop \\- interactive process viewer, and snapshots for scripts")
	p(".SH SYNOPSIS\n.B pidtop\n[\\fIoptions\\fR]")
	p(".SH DESCRIPTION")
	p("%s", roff("pidtop shows every process with its CPU and memory use, as a list or a tree, "+
		"with htop's keys to sort, search, filter, tag, send signals and renice; "+
		"F1 or h in the viewer lists every key."))
	p(".PP\n%s", roff("With -b, --json or --csv it prints snapshots instead of drawing them: "+
		"text like top -b, one JSON object per snapshot (JSON Lines), or CSV (RFC 4180) with a header row. "+
		"Each honours --fields, the sort and the filters. "+
		"Text a process controls (names, command lines, paths) is escaped where it could act on a "+
		"terminal or hide: a control byte in text as ^[, another such code point as \\uXXXX; in CSV "+
		"every one as \\uXXXX; in JSON as JSON's own escapes. "+
		fmt.Sprintf("The first snapshot is taken %v after a priming read, so CPU%% figures are rates.", firstInterval)))
	p(".SH OPTIONS")
	for _, d := range flagDocs(fs) {
		p(".TP\n%s\n%s", manFlag(d), roff(d.usage))
	}
	p(".SH FIELDS")
	p("%s", roff("Fields are named by these IDs (or htop's column names) in --fields, --sort-key "+
		"and the configuration file; the ID is also the JSON key and the CSV column. "+
		"A value that could not be read is null in JSON and an empty cell in CSV."))
	for _, f := range field.AllFields() {
		p(".TP\n.B %s\n%s", roff(f.ID), roff(f.Desc+" ("+f.Unit.String()+")"))
	}
	p(".SH EXIT STATUS")
	p(".TP\n.B 0\nsuccess, also when the reader of the output went away")
	p(".TP\n.B 1\n%s", roff("an error; or in batch mode, as ps, -p named no running process or the filters "+
		"matched none in every snapshot (one line on standard error; the output written stays valid)"))
	p(".TP\n.B 2\n%s", roff("a mistake on the command line"))
	p(".SH ENVIRONMENT")
	p(".TP\n.B NO_COLOR\nwhen set, draw without colour")
	p(".TP\n.B PIDTOP_CONFIG\nthe configuration file, as \\-\\-config")
	p(".TP\n.B PIDTOP_OFF\n%s", roff("a comma-separated list of optimisation layers to switch off, "+
		"or all, for measuring them (bench/anchors.sh); what is shown is the same either way:"))
	for _, l := range layer.All {
		p(".RS\n.TP\n.B %s\n%s\n.RE", roff(l.Name), roff(l.Doc))
	}
	p(".TP\n.B XDG_CONFIG_HOME\nwhere the configuration file is looked for")
	p(".SH FILES")
	p(".TP\n.I $XDG_CONFIG_HOME/pidtop/config.toml\n%s", roff("the settings (~/.config/pidtop/config.toml "+
		"when XDG_CONFIG_HOME is unset), rewritten when a setting changes in the viewer"))
	p(".SH SEE ALSO\n.BR htop (1),\n.BR top (1),\n.BR ps (1)")
}

// manFlag is a flag's .TP heading: "-b, --batch", "-d, --delay TENTHS",
// "-u, --user[=USER]".
func manFlag(d flagDoc) string {
	s := `\fB\-\-` + roff(d.f.Name) + `\fR`
	if d.f.Shorthand != "" {
		s = `\fB\-` + d.f.Shorthand + `\fR, ` + s
	}
	switch {
	case d.value != "" && d.optional:
		s += `[=\fI` + roff(d.value) + `\fR]`
	case d.value != "":
		s += ` \fI` + roff(d.value) + `\fR`
	}
	return s
}

// fieldIDs are the names a shell completes for -s and -o: the registry's IDs.
func fieldIDs() []string { return slices.Sorted(slices.Values(field.IDs(field.AllFields()))) }
