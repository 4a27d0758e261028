package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/export"
	"github.com/pidtop/pidtop/internal/field"
)

// hostile is a process name with what breaks CSV (comma, quote, line end),
// a terminal (ESC) and the eye (a zero-width space): comm keeps 15 bytes.
const hostile = "a,\"b\x1b\nc\u200b"

// jsonKeys returns the keys of each process object of one JSON snapshot, in
// the order written.
func jsonKeys(t *testing.T, line string) [][]string {
	t.Helper()
	var snap struct{ Processes []json.RawMessage }
	if err := json.Unmarshal([]byte(line), &snap); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	var out [][]string
	for _, raw := range snap.Processes {
		d := json.NewDecoder(bytes.NewReader(raw))
		d.Token() // {
		var keys []string
		for d.More() {
			k, _ := d.Token()
			keys = append(keys, k.(string))
			var v any
			d.Decode(&v)
		}
		out = append(out, keys)
	}
	return out
}

// Text, JSON and CSV print the same fields, named and ordered by the
// registry: the --fields given, else the registry's JSON fields (CSV, JSON)
// or the screen's columns (text, whose titles are the registry's).
func TestOutputFormsFollowRegistry(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	pid := strconv.Itoa(spawnAs(t, hostile, "x"))
	for _, c := range []struct {
		args []string
		want []*field.Field
	}{
		{nil, export.JSONFields()},
		{[]string{"-o", "cmdline,PID,name,STARTTIME,cpu,M_PSS,tty"}, must(field.Parse("cmdline,pid,name,start_time,cpu_percent,pss_bytes,tty"))},
	} {
		ids := field.IDs(c.want)
		args := append([]string{"-n", "1", "-p", pid}, c.args...)

		recs, err := csv.NewReader(strings.NewReader(runOK(t, append(args, "--csv")...))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("%v --csv: %v, %d records", c.args, err, len(recs))
		}
		if !slices.Equal(recs[0], ids) || len(recs[1]) != len(ids) {
			t.Errorf("%v --csv: header %v, row of %d; want %v", c.args, recs[0], len(recs[1]), ids)
		}
		// JSON adds argv beside cmdline.
		i := slices.Index(ids, "cmdline")
		jsonIDs := slices.Insert(slices.Clone(ids), i+1, "argv")
		keys := jsonKeys(t, runOK(t, append(args, "--json")...))
		if len(keys) != 1 || !slices.Equal(keys[0], jsonIDs) {
			t.Errorf("%v --json: keys %v, want %v", c.args, keys, jsonIDs)
		}
		if c.args == nil {
			continue // text shows the screen's columns, tested with the viewer's
		}
		text := strings.Split(runOK(t, append(args, "-b")...), "\n")
		// As on the screen, the column that takes the rest of the line
		// (here CMDLINE) is drawn last; the others keep their order.
		var titles []string
		for _, f := range c.want[1:] {
			titles = append(titles, f.Title)
		}
		titles = append(titles, c.want[0].Title)
		if head := strings.Fields(text[6]); !slices.Equal(head, titles) {
			t.Errorf("%v -b: titles %v, want %v", c.args, head, titles)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// A hostile name and command line are escaped, then quoted, in CSV: one
// record per line, a reader gets the escaped text back; JSON escapes them
// and decodes to the real bytes.
func TestOutputFormsEscapeHostileNames(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	pid := strconv.Itoa(spawnAs(t, hostile, "x"))
	out := runOK(t, "--csv", "-n", "1", "-p", pid, "-o", "pid,name,cmdline")
	rawInvisible(t, "csv", strings.ReplaceAll(out, "\r\n", "\n"))
	if lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n"); len(lines) != 2 || strings.ContainsAny(out, "\x1b") {
		t.Fatalf("csv is not two plain records: %q", out)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	esc := `a,"b\u001b\u000ac\u200b`
	if err != nil || len(recs) != 2 || !slices.Equal(recs[1], []string{pid, esc, esc + " -c read x x"}) {
		t.Errorf("csv reads as %q, %v; want [%s %s %s -c read x x]", recs, err, pid, esc, esc)
	}
	js := runOK(t, "--json", "-n", "1", "-p", pid, "-o", "pid,name,cmdline")
	rawInvisible(t, "json", strings.TrimSuffix(js, "\n"))
	var snap struct {
		Processes []struct{ Name, Cmdline string }
	}
	if err := json.Unmarshal([]byte(js), &snap); err != nil || len(snap.Processes) != 1 ||
		snap.Processes[0].Name != hostile || snap.Processes[0].Cmdline != hostile+" -c read x x" {
		t.Errorf("json decodes as %+v, %v: %s", snap, err, js)
	}
}

// --no-headers: CSV without its header row; text rows alone, as ps.
func TestNoHeaders(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	pid := strconv.Itoa(spawnNamed(t, "pidtop-noheaders"))
	if out := runOK(t, "--csv", "--no-headers", "-n", "1", "-p", pid, "-o", "pid,state"); out != pid+",S\r\n" {
		t.Errorf("csv --no-headers: %q", out)
	}
	out := runOK(t, "-b", "--no-headers", "-n", "2", "-d", "1", "-p", pid, "-o", "pid,cmdline")
	if want := strings.Repeat(pid+" pidtop-noheaders 30\n", 2); strings.Join(strings.Fields(out), " ")+"\n" != strings.TrimSuffix(strings.ReplaceAll(want, "\n", " "), " ")+"\n" || strings.Count(out, "\n") != 2 {
		t.Errorf("text --no-headers: %q, want two rows", out)
	}
}

// CSV honours the sort and every filter, as text and JSON do.
func TestCSVSortsAndFilters(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	a, b := strconv.Itoa(spawnNamed(t, "pidtop-csv-a")), strconv.Itoa(spawnNamed(t, "pidtop-csv-b"))
	pids := func(args ...string) []string {
		recs, err := csv.NewReader(strings.NewReader(runOK(t, append([]string{"--csv", "-n", "1", "-o", "pid"}, args...)...))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range recs[1:] {
			out = append(out, r[0])
		}
		return out
	}
	lo, hi := a, b
	if n, _ := strconv.Atoi(a); n > must(strconv.Atoi(b)) {
		lo, hi = b, a
	}
	if got := pids("-p", a+","+b, "-s", "pid"); !slices.Equal(got, []string{lo, hi}) {
		t.Errorf("-s pid: %v", got)
	}
	if got := pids("-p", a+","+b, "-s", "pid", "--sort-reverse"); !slices.Equal(got, []string{hi, lo}) {
		t.Errorf("-s pid --sort-reverse: %v", got)
	}
	if got := pids("-F", "PIDTOP-CSV-B"); !slices.Equal(got, []string{b}) {
		t.Errorf("-F pidtop-csv-b: %v", got)
	}
}

// argv, beside cmdline, keeps the arguments apart, spaces inside one
// included, each escaped as a JSON string and decoding to the real bytes.
func TestJSONArgv(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	pid := strconv.Itoa(spawnAs(t, hostile, "two words", "", "\x1b[31m\u202e"))
	js := runOK(t, "--json", "-n", "1", "-p", pid, "-o", "cmdline,pid")
	rawInvisible(t, "json", strings.TrimSuffix(js, "\n"))
	if keys := jsonKeys(t, js); len(keys) != 1 || !slices.Equal(keys[0], []string{"cmdline", "argv", "pid"}) {
		t.Errorf("keys %v, want cmdline, argv, pid", keys)
	}
	var snap struct {
		Schema    int
		Processes []struct{ Argv []string }
	}
	want := []string{hostile, "-c", "read x", "two words", "", "\x1b[31m\u202e"}
	if err := json.Unmarshal([]byte(js), &snap); err != nil || snap.Schema != export.JSONSchema || len(snap.Processes) != 1 ||
		!slices.Equal(snap.Processes[0].Argv, want) {
		t.Errorf("decodes as %+v, %v; want schema %d, argv %q", snap, err, export.JSONSchema, want)
	}
}

// The snapshots count from 1, the priming read not among them, and the cost
// and interval of a read of milliseconds are not printed as 0.
func TestJSONTickAndCost(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	out := runOK(t, "--json", "-n", "3", "-d", "1", "-p", strconv.Itoa(os.Getpid()), "-o", "pid")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines: %s", len(lines), out)
	}
	for i, l := range lines {
		var snap struct {
			Tick     int
			Interval float64 `json:"interval_s"`
			Cost     struct {
				Duration float64 `json:"duration_s"`
			}
		}
		if err := json.Unmarshal([]byte(l), &snap); err != nil {
			t.Fatal(err)
		}
		if snap.Tick != i+1 || snap.Interval <= 0 || snap.Cost.Duration <= 0 {
			t.Errorf("snapshot %d: tick %d, interval_s %v, cost.duration_s %v; want tick %d and both above 0",
				i+1, snap.Tick, snap.Interval, snap.Cost.Duration, i+1)
		}
	}
}
