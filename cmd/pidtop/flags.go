package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/pidtop/pidtop/internal/field"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pidtop/pidtop/internal/sort"
	"github.com/pidtop/pidtop/internal/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// firstInterval is how long batch mode waits between its priming read and the
// first snapshot it prints, so CPU% is a rate over that interval and not a
// lifetime average.
const firstInterval = 200 * time.Millisecond

// options is everything the command line can say.
type options struct {
	batch       bool
	json        bool
	iterations  int           // batch: snapshots to print; 0 = until interrupted
	delay       time.Duration // between refreshes
	pids        []int32
	user        string
	filter      string
	sortKey     string
	fields      []*field.Field // -o/--fields: the viewer's first screen, batch text and JSON
	sortReverse bool
	tree        bool
	threads     bool
	cmdEvery    bool
	noColor     bool
	noMouse     bool
	readOnly    bool
	grace       time.Duration // "terminate gracefully": SIGTERM, then SIGKILL after this
	version     bool
}

// errHelp is returned when -h was asked for: usage is printed, exit status 0.
var errHelp = flag.ErrHelp

func parseFlags(args []string, stderr io.Writer) (options, error) {
	o := options{sortKey: "cpu"}
	fs := flag.NewFlagSet("pidtop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	both := func(short, long string, v *bool, usage string) {
		fs.BoolVar(v, short, *v, usage)
		fs.BoolVar(v, long, *v, "same as -"+short)
	}
	both("b", "batch", &o.batch, "print snapshots as text instead of drawing the viewer (like top -b)")
	fs.BoolVar(&o.json, "json", false, "print one JSON object per snapshot (JSON Lines; implies -b)")
	fs.IntVar(&o.iterations, "n", 0, "batch: print `N` snapshots, then exit (0: until interrupted)")
	tenths := fs.Int("d", 15, "delay between refreshes in tenths of a second (`TENTHS`, like htop)")
	fs.IntVar(tenths, "delay", 15, "same as -d")
	pidList := fs.String("p", "", "show only these processes: `PID[,PID...]`")
	fs.StringVar(pidList, "pid", "", "same as -p")
	fs.StringVar(&o.user, "u", "", "show only the processes of `USER` (name or UID)")
	fs.StringVar(&o.user, "user", "", "same as -u")
	fs.StringVar(&o.filter, "F", "", "show only processes whose name or command line contains `TEXT` (case-insensitive; a|b for either, as htop)")
	fs.StringVar(&o.filter, "filter", "", "same as -F")
	fs.StringVar(&o.sortKey, "s", "cpu", "sort by `FIELD`: "+strings.Join(field.IDs(field.AllFields()), ", "))
	fs.StringVar(&o.sortKey, "sort-key", "cpu", "same as -s")
	fieldList := fs.String("o", "", "show these fields, in this order: `LIST` of IDs or htop names (pid,PPID,ELAPSED)")
	fs.StringVar(fieldList, "fields", "", "same as -o")
	fs.BoolVar(&o.sortReverse, "sort-reverse", false, "sort in the column's other direction")
	both("t", "tree", &o.tree, "show the process tree")
	fs.BoolVar(&o.threads, "threads", false, "list userland threads as rows (H in the viewer)")
	fs.BoolVar(&o.cmdEvery, "cmdline-every-tick", false,
		"re-read command lines every refresh (for programs that rewrite their argv, such as postgres)")
	both("C", "no-color", &o.noColor, "monochrome (also when NO_COLOR is set)")
	both("M", "no-mouse", &o.noMouse, "do not enable the mouse")
	fs.BoolVar(&o.readOnly, "readonly", false, "disable every action (kill, renice, wait)")
	grace := fs.Float64("grace", ui.DefaultGrace.Seconds(),
		"terminate gracefully (first entry of the k/F9 menu): wait `SECONDS` after SIGTERM before SIGKILL")
	both("V", "version", &o.version, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: pidtop [options]\n\n"+
			"An interactive process viewer; with -b or --json it prints snapshots instead.\n"+
			"In batch mode the first snapshot is taken %v after a priming read, so its\n"+
			"CPU%% figures are real rates over that interval, not lifetime averages.\n\nOptions:\n",
			firstInterval)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	if *tenths <= 0 {
		return o, errors.New("-d must be a positive number of tenths of a second")
	}
	if o.iterations < 0 {
		return o, errors.New("-n must not be negative")
	}
	if !(*grace > 0 && *grace <= 24*3600) { // also refuses NaN
		return o, errors.New("--grace must be a number of seconds above 0 and at most a day")
	}
	o.grace = time.Duration(*grace * float64(time.Second))
	o.delay = time.Duration(*tenths) * 100 * time.Millisecond
	o.batch = o.batch || o.json
	if *pidList != "" {
		for _, f := range strings.Split(*pidList, ",") {
			pid, err := strconv.ParseInt(strings.TrimSpace(f), 10, 32)
			if err != nil || pid <= 0 {
				return o, fmt.Errorf("-p: %q is not a PID", f)
			}
			o.pids = append(o.pids, int32(pid))
		}
	}
	if *fieldList != "" {
		f, err := field.Parse(*fieldList)
		if err != nil {
			return o, fmt.Errorf("--fields: %w", err)
		}
		o.fields = f
	}
	if _, err := sort.By(o.sortKey, false); err != nil {
		return o, fmt.Errorf("-s: %w", err)
	}
	return o, nil
}
