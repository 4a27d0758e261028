package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// completeKey is the flag annotation that says what a shell completes for the
// flag's value; newFlagSet sets it beside the flag's definition.
const completeKey = "pidtop_complete"

// What a flag's value completes to.
const (
	completeField    = "field"    // one field ID
	completeFields   = "fields"   // a comma-separated list of field IDs
	completeUser     = "user"     // a user name
	completeFile     = "file"     // a path
	completeGenerate = "generate" // one of generators
	completePID      = "pid"      // a running process's PID
)

// completion is what the value of d's flag completes to ("" for nothing).
func (d flagDoc) completion() string {
	if v := d.f.Annotations[completeKey]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// writeBash writes a bash completion script (bash-completion's "complete -F").
func writeBash(w io.Writer, fs *pflag.FlagSet) {
	docs := flagDocs(fs)
	var names, valued []string
	fmt.Fprintf(w, "# bash completion for pidtop, made by pidtop --generate=bash\n_pidtop() {\n")
	fmt.Fprintf(w, "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n")
	fmt.Fprintf(w, "\tlocal fields=%q\n", strings.Join(fieldIDs(), " "))
	// bash splits --fields=pid at the '=' (COMP_WORDBREAKS): the flag is then
	// the word before the "=".
	fmt.Fprintf(w, "\tif [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n")
	fmt.Fprintf(w, "\tcase $prev in\n")
	for _, d := range docs {
		opts := "--" + d.f.Name
		if d.f.Shorthand != "" {
			opts = "-" + d.f.Shorthand + "|" + opts
		}
		names = append(names, "--"+d.f.Name)
		if d.value == "" {
			continue
		}
		var reply string
		switch d.completion() {
		case completeField:
			reply = `COMPREPLY=($(compgen -W "$fields" -- "$cur"))`
		case completeFields:
			reply = `local pre=; [[ $cur == *,* ]] && pre=${cur%,*},; COMPREPLY=($(compgen -P "$pre" -W "$fields" -- "${cur##*,}"))`
		case completeUser:
			reply = `COMPREPLY=($(compgen -u -- "$cur"))`
		case completeFile:
			reply = `COMPREPLY=($(compgen -f -- "$cur"))`
		case completeGenerate:
			reply = fmt.Sprintf(`COMPREPLY=($(compgen -W %q -- "$cur"))`, strings.Join(generators, " "))
		case completePID:
			reply = `COMPREPLY=($(compgen -W "$(ps -axo pid= 2>/dev/null)" -- "$cur"))`
		}
		if d.optional {
			// An optional value: offer it, and the flags too.
			valued = append(valued, fmt.Sprintf("\t%s) [[ $cur == -* ]] || { %s; return; } ;;\n", opts, orTrue(reply)))
			continue
		}
		valued = append(valued, fmt.Sprintf("\t%s) %s; return ;;\n", opts, orTrue(reply)))
	}
	fmt.Fprint(w, strings.Join(valued, ""))
	fmt.Fprintf(w, "\tesac\n\tCOMPREPLY=($(compgen -W %q -- \"$cur\"))\n}\ncomplete -F _pidtop pidtop\n",
		strings.Join(names, " "))
}

// orTrue is a bash command, or ":" for a value with nothing to complete.
func orTrue(cmd string) string {
	if cmd == "" {
		return "COMPREPLY=()"
	}
	return cmd
}

// zshQuote quotes s for a single-quoted zsh word inside an _arguments
// spec: in the description brackets need a backslash, in a value's name a
// colon too.
func zshQuote(s string) string {
	return strings.NewReplacer(`'`, `'\''`, `[`, `\[`, `]`, `\]`, `:`, `\:`).Replace(s)
}

// zshDesc quotes s as an _arguments description, between brackets, where a
// colon is plain text.
func zshDesc(s string) string { return strings.ReplaceAll(zshQuote(s), `\:`, ":") }

// writeZsh writes a zsh completion function (#compdef, _arguments).
func writeZsh(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "#compdef pidtop\n# zsh completion for pidtop, made by pidtop --generate=zsh\n\n")
	fmt.Fprintf(w, "local -a fields=(%s)\n", strings.Join(fieldIDs(), " "))
	fmt.Fprintf(w, "_arguments -s -S \\\n")
	for _, d := range flagDocs(fs) {
		long, short := "--"+d.f.Name, ""
		if d.f.Shorthand != "" {
			short = "-" + d.f.Shorthand
		}
		var action string
		switch d.completion() {
		case completeField:
			action = "($fields)"
		case completeFields:
			action = "_sequence compadd -a fields"
		case completeUser:
			action = "_users"
		case completeFile:
			action = "_files"
		case completeGenerate:
			action = "(" + strings.Join(generators, " ") + ")"
		case completePID:
			action = "_pids"
		}
		spec := func(opt string) string {
			switch {
			case d.value == "":
				return opt
			case opt == short:
				return opt + "+"
			}
			return opt + "="
		}
		arg := ""
		if d.value != "" {
			colon := ":"
			if d.optional {
				colon = "::"
			}
			arg = colon + zshQuote(d.value) + ":" + action
		}
		desc := "[" + zshDesc(d.usage) + "]" + arg
		if short == "" {
			fmt.Fprintf(w, "\t'%s%s' \\\n", spec(long), desc)
			continue
		}
		fmt.Fprintf(w, "\t'(%s %s)'{%s,%s}'%s' \\\n", short, long, spec(short), spec(long), desc)
	}
	fmt.Fprintf(w, "\t&& return 0\n")
}

// fishQuote quotes s as a single-quoted fish word.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// writeFish writes fish completions (complete -c pidtop ...).
func writeFish(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "# fish completion for pidtop, made by pidtop --generate=fish\n")
	fmt.Fprintf(w, "function __pidtop_fields\n\tprintf '%%s\\n' %s\nend\n", strings.Join(fieldIDs(), " "))
	fmt.Fprintf(w, "complete -c pidtop -f\n")
	for _, d := range flagDocs(fs) {
		line := "complete -c pidtop"
		if d.f.Shorthand != "" {
			line += " -s " + d.f.Shorthand
		}
		line += " -l " + d.f.Name
		if d.value != "" {
			switch {
			case d.completion() == completeFile:
			case d.optional:
				line += " -f" // the value may be left out
			default:
				line += " -x"
			}
			switch d.completion() {
			case completeField:
				line += " -a '(__pidtop_fields)'"
			case completeFields:
				line += " -a '(__fish_complete_list , __pidtop_fields)'"
			case completeUser:
				line += " -a '(__fish_complete_users)'"
			case completeFile:
				line += " -r -F"
			case completeGenerate:
				line += " -a " + fishQuote(strings.Join(generators, " "))
			case completePID:
				line += " -a '(__fish_complete_pids)'"
			}
		}
		fmt.Fprintf(w, "%s -d %s\n", line, fishQuote(d.usage))
	}
}
