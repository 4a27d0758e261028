package main

import (
	"bytes"
	"os"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/field"
)

// Every GNU form of the flags parses to the same options.
func TestFlagForms(t *testing.T) {
	cases := []struct {
		args  []string
		check func(o options) bool
	}{
		{[]string{"-bn1"}, func(o options) bool { return o.batch && o.iterations == 1 }},
		{[]string{"-b", "-n", "1"}, func(o options) bool { return o.batch && o.iterations == 1 }},
		{[]string{"-tC"}, func(o options) bool { return o.tree && o.noColor }},
		{[]string{"--delay=5"}, func(o options) bool { return o.delay == 500*time.Millisecond }},
		{[]string{"--delay", "5"}, func(o options) bool { return o.delay == 500*time.Millisecond }},
		{[]string{"-d5"}, func(o options) bool { return o.delay == 500*time.Millisecond }},
		{[]string{"-d", "5"}, func(o options) bool { return o.delay == 500*time.Millisecond }},
		{[]string{}, func(o options) bool { return o.delay == 1500*time.Millisecond && !o.batch && o.sortKey == "" }},
		{[]string{"--json"}, func(o options) bool { return o.batch && o.json }},
		{[]string{"--csv"}, func(o options) bool { return o.batch && o.csv && !o.json }},
		{[]string{"-b", "--no-headers"}, func(o options) bool { return o.batch && o.noHeaders }},
		{[]string{"-s", "PERCENT_MEM"}, func(o options) bool { return o.sortKey == "PERCENT_MEM" }},
		{[]string{"--sort-key=cpu"}, func(o options) bool { return o.sortKey == "cpu" }},
		{[]string{"-p", "1,42"}, func(o options) bool { return slices.Equal(o.pids, []int32{1, 42}) }},
		{[]string{"--pid=7"}, func(o options) bool { return slices.Equal(o.pids, []int32{7}) }},
		{[]string{"-o", "pid,PPID,ELAPSED"}, func(o options) bool {
			return slices.Equal(field.IDs(o.fields), []string{"pid", "ppid", "elapsed_s"})
		}},
		{[]string{"--fields=pid"}, func(o options) bool { return len(o.fields) == 1 }},
		{[]string{"-u"}, func(o options) bool { return o.user == "\x00self" }},
		{[]string{"-u", "root"}, func(o options) bool { return o.user == "root" }},
		{[]string{"-uroot"}, func(o options) bool { return o.user == "root" }},
		{[]string{"--user=root"}, func(o options) bool { return o.user == "root" }},
		{[]string{"-u", "-t"}, func(o options) bool { return o.user == "\x00self" && o.tree }},
		{[]string{"-H"}, func(o options) bool { return o.highlight == 5*time.Second }},
		{[]string{"-H", "3"}, func(o options) bool { return o.highlight == 3*time.Second }},
		{[]string{"--highlight-changes=2"}, func(o options) bool { return o.highlight == 2*time.Second }},
		{[]string{"-U", "-M", "--readonly"}, func(o options) bool { return o.noUnicode && o.noMouse && o.readOnly }},
		{[]string{"--no-meters", "--no-function-bar"}, func(o options) bool { return o.noMeters && o.noFuncBar }},
		{[]string{"--config", "/x/y.toml"}, func(o options) bool { return o.configPath == "/x/y.toml" }},
		{[]string{"--no-config"}, func(o options) bool { return o.noConfig }},
		{[]string{"-V"}, func(o options) bool { return o.version }},
		{[]string{"--grace=1.5"}, func(o options) bool { return o.grace == 1500*time.Millisecond }},
		{[]string{"-b", "--"}, func(o options) bool { return o.batch }},
		{[]string{"-t"}, func(o options) bool { return o.changed("tree") && !o.changed("delay") }},
	}
	for _, c := range cases {
		o, err := parseFlags(c.args, new(bytes.Buffer))
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if !c.check(o) {
			t.Errorf("%q: options %+v", c.args, o)
		}
	}
}

// A usage error is one line "pidtop: ..." and a hint, status 2; --help goes to
// stdout, status 0; an unknown user is status 1, as htop.
func TestFlagErrorsAndStatus(t *testing.T) {
	for _, args := range [][]string{
		{"-d", "0"}, {"-d", "x"}, {"-n", "-1"}, {"-p", "1,x"}, {"-p", "0"}, {"-s", "nosuch"},
		{"--fields", "pid,nosuch"}, {"extra"}, {"-nosuchflag"}, {"--nosuch"}, {"-H", "0"},
		{"--grace", "0"}, {"-b", "--", "x"}, {"-o"}, {"--json", "--csv"}, {"--generate", "html"},
	} {
		var out, errb bytes.Buffer
		rc := run(args, &out, &errb)
		lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
		if rc != 2 || len(lines) != 2 || !strings.HasPrefix(lines[0], "pidtop: ") ||
			!strings.Contains(lines[1], "--help") || out.Len() != 0 {
			t.Errorf("%q: status %d, stderr %q, stdout %q; want 2, a line and a hint", args, rc, errb.String(), out.String())
		}
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"--fields", "help"}, {"-s", "help"}} {
		var out, errb bytes.Buffer
		if rc := run(args, &out, &errb); rc != 0 || out.Len() == 0 || errb.Len() != 0 {
			t.Errorf("%q: status %d, stdout %d bytes, stderr %q", args, rc, out.Len(), errb.String())
		}
	}
	var out, errb bytes.Buffer
	if rc := run([]string{"-b", "-n", "1", "-u", "nosuchuser-pidtop"}, &out, &errb); rc != 1 ||
		!strings.HasPrefix(errb.String(), "pidtop: no such user") {
		t.Errorf("-u nosuchuser: status %d, stderr %q", rc, errb.String())
	}
	if out := runOK(t, "--version"); !strings.HasPrefix(out, "pidtop ") {
		t.Errorf("--version printed %q", out)
	}
	help := runOK(t, "--help")
	for _, want := range []string{"-b, --batch", "-H, --highlight-changes", "-u, --user", "--no-config", "-o, --fields"} {
		if !strings.Contains(help, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	if fields := runOK(t, "--fields", "help"); !strings.Contains(fields, "pss_bytes") || !strings.Contains(fields, "M_PSS") {
		t.Errorf("--fields help: %q", fields)
	}
}

func TestResolveUser(t *testing.T) {
	me, err := user.Current()
	if err != nil {
		t.Skip(err)
	}
	for in, want := range map[string]string{"": "", "\x00self": me.Username, me.Username: me.Username,
		strconv.Itoa(os.Getuid()): strconv.Itoa(os.Getuid()), "4000000": "4000000"} {
		if got, err := resolveUser(in); err != nil || got != want {
			t.Errorf("resolveUser(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := resolveUser("no-such-user-pidtop"); err == nil {
		t.Error("an unknown name resolved")
	}
}
