package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// twoSnapshots is a run of two snapshots of the same three processes, the
// last of which has no field known but its PID.
func twoSnapshots() [2]*collect.Snapshot {
	var out [2]*collect.Snapshot
	for i := range out {
		procs := []collect.Process{uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(2, 1, "a,b", "sh -c x"),
			uitest.Proc(3, 1, "", "")}
		procs[2].Known = 0
		out[i] = uitest.Snapshot(procs...)
		out[i].Tick = uint64(i + 1)
	}
	return out
}

func rowsOf(s *collect.Snapshot) []Row {
	rows := make([]Row, len(s.Procs))
	for i := range s.Procs {
		rows[i] = Row{Proc: &s.Procs[i], Prefix: strings.Repeat(" ", i)}
	}
	return rows
}

func writeRun(t *testing.T, w SnapshotWriter) {
	t.Helper()
	for _, s := range twoSnapshots() {
		if err := w.WriteSnapshot(s, rowsOf(s)); err != nil {
			t.Fatal(err)
		}
	}
}

// CSV writes its header record once, before the first snapshot's records, or
// never with NoHeaders; an unknown value is an empty cell.
func TestCSVWriterRun(t *testing.T) {
	fs := must(field.Parse("pid,user,tty"))
	for _, noHeaders := range []bool{false, true} {
		var buf bytes.Buffer
		writeRun(t, NewCSV(&buf, CSVConfig{Fields: fs, NoHeaders: noHeaders}))
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"1", "root", ""}, {"2", "a,b", ""}, {"3", "", ""}} // the PID is always known
		want = append(want, want...)
		if !noHeaders {
			want = append([][]string{{"pid", "user", "tty"}}, want...)
		}
		if got, _ := json.Marshal(recs); string(got) != string(must(json.Marshal(want))) {
			t.Errorf("NoHeaders %v: records %s, want %s", noHeaders, got, must(json.Marshal(want)))
		}
	}
}

// JSON Lines writes one object per snapshot, each on its own line, unknown
// values null (the PID, the identity, is always known).
func TestJSONLinesWriterRun(t *testing.T) {
	var buf bytes.Buffer
	writeRun(t, NewJSONLines(&buf, must(field.Parse("pid,user"))))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2: %s", len(lines), buf.String())
	}
	for i, l := range lines {
		var snap struct {
			Schema, Tick int
			Processes    []struct {
				PID  *int
				User *string
			}
		}
		if err := json.Unmarshal([]byte(l), &snap); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, l)
		}
		p := snap.Processes
		if snap.Schema != JSONSchema || snap.Tick != i+1 || len(p) != 3 || p[1].PID == nil || *p[1].PID != 2 ||
			*p[1].User != "a,b" || p[2].PID == nil || p[2].User != nil {
			t.Errorf("line %d: %s", i+1, l)
		}
	}
}

// fakeTable draws a process as its PID after the tree guide.
type fakeTable struct{ ids []string }

func (f fakeTable) Header() string { return strings.Join(f.ids, " ") }
func (f fakeTable) Row(p *collect.Process, prefix string) string {
	return prefix + strings.Repeat("x", int(p.PID))
}

func fakeNewTable(ids []string, _ []collect.Process, _ time.Time) (Table, error) {
	return fakeTable{ids}, nil
}

// Text prints per snapshot the summary, the titles, the rows with their tree
// guides and a blank line; with NoHeaders the rows alone.
func TestTextWriterRun(t *testing.T) {
	fs := must(field.Parse("pid,name"))
	uptime := func(d time.Duration) string { return d.String() }
	var buf bytes.Buffer
	writeRun(t, NewText(&buf, TextConfig{Fields: fs, NewTable: fakeNewTable, Uptime: uptime}))
	page := strings.Split(buf.String(), "\n")
	if len(page) != 2*11+1 || !strings.Contains(page[0], " up 26h0m0s, load average: 0.50, 0.25, 0.12") ||
		page[6] != "pid name" || page[7] != "x" || page[8] != " xx" || page[9] != "  xxx" || page[10] != "" ||
		page[17] != "pid name" {
		t.Errorf("two pages:\n%s", buf.String())
	}
	buf.Reset()
	writeRun(t, NewText(&buf, TextConfig{Fields: fs, NoHeaders: true, NewTable: fakeNewTable, Uptime: uptime}))
	if want := strings.Repeat("x\n xx\n  xxx\n", 2); buf.String() != want {
		t.Errorf("rows alone: %q, want %q", buf.String(), want)
	}
}

// A system whose load the platform did not give prints n/a, not zeros.
func TestTextSummaryUnknownLoad(t *testing.T) {
	s := twoSnapshots()[0]
	s.System.Known &^= collect.SysKnownLoad
	var buf bytes.Buffer
	writeSummary(&buf, s, func(time.Duration) string { return "1 day" })
	if line, _, _ := strings.Cut(buf.String(), "\n"); !strings.HasSuffix(line, " up 1 day, load average: n/a") {
		t.Errorf("first line %q", line)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// Each form returns the error of its writer (the batch loop ends quietly on
// EPIPE) and the text form its table's, having written nothing.
func TestWritersReturnErrors(t *testing.T) {
	fs := must(field.Parse("pid"))
	errW := errors.New("broken pipe")
	s := twoSnapshots()[0]
	for name, w := range map[string]SnapshotWriter{
		"json": NewJSONLines(failWriter{errW}, fs),
		"csv":  NewCSV(failWriter{errW}, CSVConfig{Fields: fs}),
		"text": NewText(failWriter{errW}, TextConfig{Fields: fs, NoHeaders: true, NewTable: fakeNewTable}),
	} {
		if err := w.WriteSnapshot(s, rowsOf(s)); !errors.Is(err, errW) {
			t.Errorf("%s: %v, want the writer's error", name, err)
		}
	}
	errT := errors.New("no such column")
	var buf bytes.Buffer
	w := NewText(&buf, TextConfig{Fields: fs, NewTable: func([]string, []collect.Process, time.Time) (Table, error) {
		return nil, errT
	}})
	if err := w.WriteSnapshot(s, rowsOf(s)); !errors.Is(err, errT) || buf.Len() != 0 {
		t.Errorf("table error: %v, wrote %q", err, buf.String())
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
