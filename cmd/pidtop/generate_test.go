package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/field"
)

// generated runs pidtop --generate=what and writes the result to a file.
func generated(t *testing.T, what string) (string, string) {
	t.Helper()
	out := runOK(t, "--generate="+what)
	path := filepath.Join(t.TempDir(), "pidtop."+what)
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, path
}

// visibleFlags are the long names the man page and completions must offer.
func visibleFlags() []string {
	var o options
	fs, _ := newFlagSet(&o)
	var names []string
	for _, d := range flagDocs(fs) {
		names = append(names, d.f.Name)
	}
	return names
}

func needTool(t *testing.T, name, why string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (%s; .ci/run installs it)", name, why)
	}
	return p
}

// The man page renders with man -l without a warning, and names every flag
// of the parser and every field of the registry.
func TestManPage(t *testing.T) {
	man := needTool(t, "man", "apt-get install man-db")
	_, path := generated(t, "man")
	cmd := exec.Command(man, "--warnings", "-l", path)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "MANWIDTH=100", "MANPAGER=cat", "PAGER=cat")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("man -l: %v: %s", err, stderr.String())
	}
	text := string(out)
	for _, name := range visibleFlags() {
		if !strings.Contains(text, "--"+name) {
			t.Errorf("the man page lacks --%s", name)
		}
	}
	for _, f := range field.AllFields() {
		if !regexp.MustCompile(`(?m)^ {7}` + f.ID + `(\s|$)`).MatchString(text) {
			t.Errorf("the man page lacks the field %s", f.ID)
		}
	}
	for _, want := range []string{"PIDTOP(1)", "EXIT STATUS", "-u, --user[=USER]", "-d, --delay TENTHS"} {
		if !strings.Contains(text, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
}

// bash completes flags, field IDs after -s and in -o's list (after a comma
// too), and --flag=value.
func TestBashCompletion(t *testing.T) {
	bash := needTool(t, "bash", "apt-get install bash")
	_, path := generated(t, "bash")
	complete := func(words ...string) []string {
		script := `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _pidtop; printf '%s\n' "${COMPREPLY[@]}"`
		out, err := exec.Command(bash, append([]string{"--norc", "-c", script, "bash", path}, words...)...).Output()
		if err != nil {
			t.Fatalf("%q: %v", words, err)
		}
		return strings.Fields(string(out))
	}
	for _, c := range []struct {
		words []string
		want  []string
	}{
		{[]string{"pidtop", "--so"}, []string{"--sort-key", "--sort-reverse"}},
		{[]string{"pidtop", "-s", "cpu_"}, []string{"cpu_norm_percent", "cpu_percent", "cpu_time_s"}},
		{[]string{"pidtop", "--fields", "pid,ppi"}, []string{"pid,ppid"}},
		{[]string{"pidtop", "--sort-key", "=", "mem_"}, []string{"mem_percent"}},
		{[]string{"pidtop", "--generate", "z"}, []string{"zsh"}},
		{[]string{"pidtop", "-d", ""}, nil},
	} {
		if got := complete(c.words...); !slices.Equal(got, c.want) {
			t.Errorf("%q completes to %q, want %q", c.words, got, c.want)
		}
	}
	all := complete("pidtop", "--")
	for _, name := range visibleFlags() {
		if !slices.Contains(all, "--"+name) {
			t.Errorf("bash does not complete --%s", name)
		}
	}
}

// fish's own completer offers the flags and the field IDs.
func TestFishCompletion(t *testing.T) {
	fish := needTool(t, "fish", "apt-get install fish")
	_, path := generated(t, "fish")
	complete := func(line string) []string {
		cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, path, line)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			got = append(got, strings.SplitN(l, "\t", 2)[0])
		}
		return got
	}
	if got := complete("pidtop -s cpu_"); !slices.Equal(got, []string{"cpu_norm_percent", "cpu_percent", "cpu_time_s"}) {
		t.Errorf("-s cpu_ completes to %q", got)
	}
	if got := complete("pidtop --fields=pid,ppi"); !slices.Contains(got, "--fields=pid,ppid") {
		t.Errorf("--fields=pid,ppi completes to %q", got)
	}
	all := complete("pidtop --")
	for _, name := range visibleFlags() {
		if !slices.Contains(all, "--"+name) {
			t.Errorf("fish does not complete --%s: %q", name, all)
		}
	}
}

// The zsh function parses, and hands _arguments one spec per flag with its
// value's completion: field IDs for -s and -o.
func TestZshCompletion(t *testing.T) {
	zsh := needTool(t, "zsh", "apt-get install zsh")
	_, path := generated(t, "zsh")
	if out, err := exec.Command(zsh, "-n", path).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v: %s", err, out)
	}
	// _arguments stands in: it prints the specs, one a line, and the fields.
	out, err := exec.Command(zsh, "-f", "-c", `_arguments() { print -l -- "$@" }; source $1; print -r -- "fields: $fields"`, "zsh", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	specs := strings.Split(strings.TrimSpace(string(out)), "\n")
	if want := "fields: " + strings.Join(fieldIDs(), " "); specs[len(specs)-1] != want {
		t.Errorf("zsh fields: %q, want %q", specs[len(specs)-1], want)
	}
	for _, want := range []string{
		"(-s --sort-key)-s+[sort by FIELD (an ID or htop name; --sort-key help lists them)]:FIELD:($fields)",
		"(-o --fields)--fields=[show these fields, in this order: LIST of IDs or htop names (pid,PPID,ELAPSED); --fields help lists them]:LIST:_sequence compadd -a fields",
		"(-u --user)-u+[show only the processes of USER (name or UID); -u alone: yours]::USER:_users",
		"--generate=[print the man page, a shell's completion script or the optimisation layers, WHAT one of man, bash, zsh, fish, layers, and exit]:WHAT:(man bash zsh fish layers)",
		"(-b --batch)--batch[print snapshots as text instead of drawing the viewer (like top -b)]",
	} {
		if !slices.Contains(specs, want) {
			t.Errorf("zsh specs lack %q:\n%s", want, strings.Join(specs, "\n"))
		}
	}
}

func TestGenerateUnknown(t *testing.T) {
	var out, errb bytes.Buffer
	if rc := run([]string{"--generate=tcsh"}, &out, &errb); rc != 2 || !strings.HasPrefix(errb.String(), "pidtop: --generate \"tcsh\"") {
		t.Errorf("status %d, stderr %q", rc, errb.String())
	}
}
