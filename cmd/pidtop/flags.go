package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os/user"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/pidtop/pidtop/internal/caps"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/ui"
)

// firstInterval is how long batch mode waits between its priming read and the
// first snapshot it prints, so CPU% is a rate over that interval and not a
// lifetime average.
const firstInterval = 200 * time.Millisecond

// options is everything the command line can say. A flag overrides the config
// file for this run only: changed tells which were given.
type options struct {
	batch       bool
	json        bool
	csv         bool
	noHeaders   bool
	iterations  int           // snapshots to print (batch) or refreshes to show (viewer); 0 = until quit
	delay       time.Duration // between refreshes
	pids        []int32
	user        string
	filter      string
	sortKey     string
	sortReverse bool
	fields      []*field.Field // -o/--fields: the viewer's first screen, batch text, JSON and CSV
	tree        bool
	threads     bool
	cmdEvery    bool
	noColor     bool
	noMouse     bool
	noUnicode   bool
	noMeters    bool
	noFuncBar   bool
	readOnly    bool
	caps        caps.Mode     // --drop-capabilities
	highlight   time.Duration // -H: how long new and exited rows stay highlighted; 0 = off
	grace       time.Duration // "terminate gracefully": SIGTERM, then SIGKILL after this
	configPath  string
	noConfig    bool
	version     bool
	listen      string // --listen: serve metrics at this address instead of drawing
	generate    string // --generate: man, bash, zsh or fish

	changed func(name string) bool // whether the flag of this long name was given
}

// errHelp is returned when --help (or `--fields help`) was asked for: the text
// went to stdout, exit status 0.
var errHelp = errors.New("help shown")

// errUsage marks a command-line error: exit status 2 and a hint to run --help.
type errUsage struct{ error }

func (e errUsage) Unwrap() error { return e.error }

// newFlagSet defines every flag once: the parser, --help and (later) the man
// page and completions all read this set.
func newFlagSet(o *options) (*pflag.FlagSet, map[string]any) {
	fs := pflag.NewFlagSet("pidtop", pflag.ContinueOnError)
	fs.SortFlags = false
	raw := map[string]any{}
	str := func(name, short, def, usage string) {
		v := new(string)
		fs.StringVarP(v, name, short, def, usage)
		raw[name] = v
	}
	fs.BoolVarP(&o.batch, "batch", "b", false, "print snapshots as text instead of drawing the viewer (like top -b)")
	fs.BoolVar(&o.json, "json", false, "print one JSON object per snapshot (JSON Lines; implies -b)")
	fs.BoolVar(&o.csv, "csv", false, "print the processes as CSV (RFC 4180) with a header row (implies -b)")
	fs.BoolVar(&o.noHeaders, "no-headers", false, "batch: leave out the CSV header row, or the text summary and column titles")
	fs.IntVarP(&o.iterations, "max-iterations", "n", 0, "exit after `N` refreshes (batch: snapshots printed); 0: until quit")
	str("delay", "d", "15", "delay between refreshes in `TENTHS` of a second, as htop's")
	str("pid", "p", "", "show only the processes `PID[,PID...]` (and their threads)")
	str("user", "u", "", "show only the processes of `USER` (name or UID); -u alone: yours")
	fs.Lookup("user").NoOptDefVal = "\x00self"
	fs.StringVarP(&o.filter, "filter", "F", "", "show only processes whose name or command line contains `TEXT` (case-insensitive; a|b for either)")
	str("sort-key", "s", "", "sort by `FIELD` (an ID or htop name; --sort-key help lists them)")
	fs.BoolVar(&o.sortReverse, "sort-reverse", false, "sort in the field's other direction")
	str("fields", "o", "", "show these fields, in this order: `LIST` of IDs or htop names (pid,PPID,ELAPSED); --fields help lists them")
	fs.BoolVarP(&o.tree, "tree", "t", false, "show the process tree")
	fs.BoolVar(&o.threads, "threads", false, "list userland threads as rows (H in the viewer)")
	str("highlight-changes", "H", "", "highlight new and exited processes for `SECS` seconds (default 5)")
	fs.Lookup("highlight-changes").NoOptDefVal = "5"
	fs.BoolVar(&o.cmdEvery, "cmdline-every-tick", false, "re-read command lines every refresh (for programs that rewrite their argv, such as postgres)")
	fs.BoolVarP(&o.noColor, "no-color", "C", false, "monochrome (also when NO_COLOR is set)")
	fs.BoolVarP(&o.noMouse, "no-mouse", "M", false, "do not use the mouse")
	fs.BoolVarP(&o.noUnicode, "no-unicode", "U", false, "draw only ASCII")
	fs.BoolVar(&o.noMeters, "no-meters", false, "hide the meters (# in the viewer)")
	fs.BoolVar(&o.noFuncBar, "no-function-bar", false, "hide the function key bar")
	fs.BoolVar(&o.readOnly, "readonly", false, "disable every action on a process (signal, renice, I/O priority, affinity, policy, wait)")
	fs.Float64Var(new(float64), "grace", ui.DefaultGrace.Seconds(), "terminate gracefully (first entry of the k/F9 menu): wait `SECONDS` after SIGTERM before SIGKILL")
	str("drop-capabilities", "", string(caps.Basic), "Linux, as root: drop the capabilities pidtop does not need, as htop; `MODE` off, basic (keeps reading /proc, signals, priorities) or strict (keeps reading /proc)")
	fs.Lookup("drop-capabilities").NoOptDefVal = string(caps.Basic)
	fs.StringVar(&o.configPath, "config", "", "read and save settings in `FILE` (default $XDG_CONFIG_HOME/pidtop/config.toml)")
	fs.BoolVar(&o.noConfig, "no-config", false, "start from the default settings and save nothing")
	fs.StringVar(&o.listen, "listen", "", "serve Prometheus/OpenMetrics metrics at http://`ADDR`/metrics (e.g. 127.0.0.1:9256; :9256 is every interface) instead of drawing the viewer")
	fs.BoolVarP(&o.version, "version", "V", false, "print the version and exit")
	fs.StringVar(&o.generate, "generate", "", "print the man page, a shell's completion script or the optimisation layers, `WHAT` one of "+
		strings.Join(generators, ", ")+", and exit")
	fs.BoolP("help", "h", false, "print this help and exit")
	// What a shell completes after each flag that takes a value (see complete.go).
	for name, what := range map[string]string{"sort-key": completeField, "fields": completeFields,
		"user": completeUser, "config": completeFile, "generate": completeGenerate, "pid": completePID} {
		fs.SetAnnotation(name, completeKey, []string{what})
	}
	return fs, raw
}

// parseFlags parses GNU-style: bundled short flags (-bn1), --flag=value and
// --flag value, -- ends the flags. Help goes to stdout.
func parseFlags(args []string, stdout io.Writer) (options, error) {
	var o options
	fs, raw := newFlagSet(&o)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(joinOptional(args)); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			writeHelp(stdout, fs)
			return o, errHelp
		}
		return o, errUsage{err}
	}
	o.changed = fs.Changed
	if h, _ := fs.GetBool("help"); h {
		writeHelp(stdout, fs)
		return o, errHelp
	}
	get := func(name string) string { return *raw[name].(*string) }
	if o.generate != "" {
		return o, generate(stdout, o.generate, fs)
	}
	if get("fields") == "help" || get("sort-key") == "help" {
		writeFieldHelp(stdout)
		return o, errHelp
	}
	if fs.NArg() > 0 {
		return o, errUsage{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if err := o.convert(fs, get); err != nil {
		return o, errUsage{err}
	}
	return o, nil
}

// joinOptional gives -u and -H their optional value the way htop's getopt
// does: attached (`-uroot`, `-H3`, as getopt's "u::") or as the next word
// (`-u root`, `-H 3`, htop's own addition); pflag alone would read -uroot as
// -u -r -o -o -t, and the next word as a stray argument. A next word starting
// with '-' is a flag.
func joinOptional(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		for short, long := range map[string]string{"-u": "--user=", "-H": "--highlight-changes="} {
			if len(a) > 2 && strings.HasPrefix(a, short) {
				a = long + strings.TrimPrefix(a[2:], "=")
			}
		}
		switch a {
		case "-u", "--user", "-H", "--highlight-changes", "--drop-capabilities":
			if i+1 < len(args) && args[i+1] != "" && args[i+1][0] != '-' {
				a += "=" + args[i+1]
				i++
			}
		}
		out = append(out, a)
	}
	return out
}

// convert checks the flags' values and turns them into options.
func (o *options) convert(fs *pflag.FlagSet, get func(string) string) error {
	tenths, err := strconv.Atoi(get("delay"))
	if err != nil || tenths <= 0 || tenths > 36000 {
		return fmt.Errorf("-d %q: want tenths of a second, 1 to 36000", get("delay"))
	}
	o.delay = time.Duration(tenths) * 100 * time.Millisecond
	if o.iterations < 0 {
		return errors.New("-n must not be negative")
	}
	grace, _ := fs.GetFloat64("grace")
	if !(grace > 0 && grace <= 24*3600) { // also refuses NaN
		return errors.New("--grace must be a number of seconds above 0 and at most a day")
	}
	o.grace = time.Duration(grace * float64(time.Second))
	if o.json && o.csv {
		return errors.New("--json and --csv: choose one")
	}
	o.batch = o.batch || o.json || o.csv
	if fs.Changed("highlight-changes") {
		secs, err := strconv.ParseFloat(get("highlight-changes"), 64)
		if err != nil || !(secs > 0 && secs <= 3600) || math.IsInf(secs, 0) {
			return fmt.Errorf("-H %q: want seconds, above 0 and at most 3600", get("highlight-changes"))
		}
		o.highlight = time.Duration(secs * float64(time.Second))
	}
	if s := get("pid"); s != "" {
		for _, f := range strings.Split(s, ",") {
			pid, err := strconv.ParseInt(strings.TrimSpace(f), 10, 32)
			if err != nil || pid <= 0 {
				return fmt.Errorf("-p: %q is not a PID", f)
			}
			o.pids = append(o.pids, int32(pid))
		}
	}
	if s := get("fields"); s != "" {
		f, err := field.Parse(s)
		if err != nil {
			return fmt.Errorf("--fields: %w", err)
		}
		o.fields = f
	}
	o.sortKey = get("sort-key")
	if o.sortKey != "" {
		if _, ok := field.Lookup(o.sortKey); !ok {
			return fmt.Errorf("--sort-key: %w", &field.UnknownError{Name: o.sortKey})
		}
	}
	o.user = get("user")
	if fs.Changed("listen") {
		if err := checkListen(o); err != nil {
			return err
		}
	}
	if o.caps, err = caps.ParseMode(get("drop-capabilities")); err != nil {
		return fmt.Errorf("--drop-capabilities: %w", err)
	}
	return nil
}

// errNoUser is the error of -u with a user the system does not know: exit
// status 1, as htop.
type errNoUser struct{ name string }

func (e errNoUser) Error() string { return fmt.Sprintf("no such user %q", e.name) }

// resolveUser turns -u's value into the name or UID the filter matches: the
// current user for a bare -u; an error for a user the system does not know.
func resolveUser(v string) (string, error) {
	switch {
	case v == "":
		return "", nil
	case v == "\x00self":
		u, err := user.Current()
		if err != nil {
			return "", fmt.Errorf("-u: the current user: %w", err)
		}
		return u.Username, nil
	}
	if _, err := user.Lookup(v); err == nil {
		return v, nil
	}
	if _, err := strconv.ParseUint(v, 10, 32); err == nil {
		return v, nil // a UID, known to the system or not: processes may run as it
	}
	return "", errNoUser{v}
}

// writeHelp prints the usage and every flag.
func writeHelp(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage: pidtop [options]\n\n"+
		"An interactive process viewer; with -b, --json or --csv it prints snapshots instead.\n"+
		"In batch mode the first snapshot is taken %v after a priming read, so its\n"+
		"CPU%% figures are real rates over that interval, not lifetime averages.\n\nOptions:\n%s",
		firstInterval, fs.FlagUsages())
}
