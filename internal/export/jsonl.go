package export

import (
	"io"
	"strconv"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// The JSON Lines output: one object per snapshot, fields documented in README.md
// ("JSON output"). Units are in the field names; a field the platform could not
// read is null, never zero. Written by hand into one reused buffer: this is the
// path `pidtop -b -n 1 --json` measures against ps.

// JSONSchema is the version of the JSON objects' layout, their "schema": it
// grows when a key is removed or renamed or a value changes its meaning or
// unit, not when a key is added, so a reader may check it and ignore keys it
// does not know.
const JSONSchema = 1

// jsonObj appends "key": pairs with commas between them.
type jsonObj struct {
	b     []byte
	first bool
}

func (o *jsonObj) key(k string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *jsonObj) open(k string) {
	if k != "" {
		o.key(k)
	}
	o.b = append(o.b, '{')
	o.first = true
}

func (o *jsonObj) close() { o.b = append(o.b, '}'); o.first = false }

// field writes the key and, for an unknown value, null; it reports whether the
// caller should write the value.
func (o *jsonObj) field(k string, known bool) bool {
	o.key(k)
	if !known {
		o.b = append(o.b, "null"...)
	}
	return known
}

func (o *jsonObj) int(k string, v int64, known bool) {
	if o.field(k, known) {
		o.b = strconv.AppendInt(o.b, v, 10)
	}
}

func (o *jsonObj) uint(k string, v uint64, known bool) {
	if o.field(k, known) {
		o.b = strconv.AppendUint(o.b, v, 10)
	}
}

func (o *jsonObj) float(k string, v float64, known bool) {
	if o.field(k, known) {
		o.b = strconv.AppendFloat(o.b, v, 'f', 2, 64)
	}
}

// seconds writes a measured length of time to the microsecond: a read takes
// milliseconds, which two decimals would print as 0.00.
func (o *jsonObj) seconds(k string, d time.Duration) {
	o.key(k)
	o.b = strconv.AppendFloat(o.b, d.Seconds(), 'f', 6, 64)
}

func (o *jsonObj) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObj) str(k, v string, known bool) {
	if o.field(k, known) {
		o.b = appendJSONString(o.b, v)
	}
}

// appendJSONString quotes s for JSON: control bytes (ESC included) and every
// code point textsafe.MustEscape names (C1 and bidirectional controls,
// zero-width and other invisible characters) become \uXXXX escapes, and invalid
// UTF-8 becomes U+FFFD. Nothing a process controls can then act on, or hide
// in, a terminal that displays the output, while a JSON reader still decodes
// the real name.
func appendJSONString(b []byte, s string) []byte {
	return append(appendSafe(append(b, '"'), s, encJSON), '"')
}

// JSONFields are the fields a JSON object (and a CSV record) carries when
// --fields does not say: every field of the registry but the optional ones,
// a stable schema whatever the viewer shows.
func JSONFields() []*field.Field {
	var fs []*field.Field
	for _, f := range field.AllFields() {
		if !f.Optional {
			fs = append(fs, f)
		}
	}
	return fs
}

// JSONLinesWriter writes each snapshot as one JSON object on a line of its own.
type JSONLinesWriter struct {
	w    io.Writer
	fs   []*field.Field
	line []byte // reused between snapshots
}

// NewJSONLines returns the JSON Lines writer to w of each process's fields fs.
func NewJSONLines(w io.Writer, fs []*field.Field) *JSONLinesWriter {
	return &JSONLinesWriter{w: w, fs: fs}
}

// WriteSnapshot writes s as one line.
func (j *JSONLinesWriter) WriteSnapshot(s *collect.Snapshot, rows []Row) error {
	j.line = appendJSON(j.line[:0], s, rows, j.fs)
	_, err := j.w.Write(j.line)
	return err
}

// appendJSON appends one snapshot as a JSON object and a newline, each process
// with the fields fs.
func appendJSON(b []byte, s *collect.Snapshot, rows []Row, fs []*field.Field) []byte {
	o := jsonObj{b: b}
	o.open("")
	o.int("schema", JSONSchema, true)
	o.str("time", s.Time.Format(time.RFC3339Nano), true)
	o.uint("tick", s.Tick, true)
	o.seconds("interval_s", s.Interval)
	appendSystem(&o, &s.System)
	o.key("processes")
	o.b = append(o.b, '[')
	e := field.EnvOf(s)
	for i, r := range rows {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		appendProcess(&o, r.Proc, fs, e)
	}
	o.b = append(o.b, ']')
	o.open("cost")
	o.seconds("duration_s", s.Cost.Duration)
	o.int("read", int64(s.Cost.Read), true)
	o.int("vanished", int64(s.Cost.Vanished), true)
	o.int("denied", int64(s.Cost.Denied), true)
	o.int("errors", int64(s.Cost.Errors), true)
	o.close()
	o.close()
	return append(o.b, '\n')
}

func appendSystem(o *jsonObj, sys *collect.System) {
	o.open("system")
	o.str("hostname", sys.Hostname, true)
	up := sys.Known&collect.SysKnownUptime != 0
	o.float("uptime_s", sys.Uptime.Seconds(), up)
	load := sys.Known&collect.SysKnownLoad != 0
	o.float("load1", sys.Load[0], load)
	o.float("load5", sys.Load[1], load)
	o.float("load15", sys.Load[2], load)
	tasks := sys.Known&collect.SysKnownTasks != 0
	o.int("tasks", int64(sys.Tasks), tasks)
	o.int("running", int64(sys.Running), tasks)
	o.int("threads", int64(sys.Threads), tasks)
	o.int("kernel_threads", int64(sys.KernelThreads), tasks)
	o.bool("restricted", sys.Restricted)
	cpu := sys.Known&collect.SysKnownCPU != 0
	o.key("cpu_total")
	if cpu {
		appendCPU(o, sys.CPUTotal)
	} else {
		o.b = append(o.b, "null"...)
	}
	o.key("cpus")
	o.b = append(o.b, '[')
	for i, c := range sys.CPUs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		appendCPU(o, c)
	}
	o.b = append(o.b, ']')
	mem := sys.Known&collect.SysKnownMemory != 0
	m := sys.Memory
	o.open("memory")
	o.uint("total_bytes", m.Total, mem)
	o.uint("free_bytes", m.Free, mem)
	o.uint("available_bytes", m.Available, mem)
	o.uint("used_bytes", m.Used, mem)
	o.uint("buffers_bytes", m.Buffers, mem)
	o.uint("shared_bytes", m.Shared, mem)
	o.uint("cache_bytes", m.Cache, mem)
	o.close()
	swap := sys.Known&collect.SysKnownSwap != 0
	o.open("swap")
	o.uint("total_bytes", sys.Swap.Total, swap)
	o.uint("used_bytes", sys.Swap.Used, swap)
	o.uint("cache_bytes", sys.Swap.Cache, swap)
	o.close()
	o.close()
}

func appendCPU(o *jsonObj, c collect.CPUShare) {
	o.b = append(o.b, '{')
	o.first = true
	o.float("user_percent", c.User, true)
	o.float("nice_percent", c.Nice, true)
	o.float("system_percent", c.System, true)
	o.float("iowait_percent", c.IOWait, true)
	o.float("irq_percent", c.IRQ, true)
	o.float("softirq_percent", c.SoftIRQ, true)
	o.float("steal_percent", c.Steal, true)
	o.float("guest_percent", c.Guest, true)
	o.float("idle_percent", c.Idle, true)
	o.close()
}

// appendProcess appends p's fields fs, each under its registry ID, null where
// p has no value. Durations are seconds, times RFC 3339 in UTC.
func appendProcess(o *jsonObj, p *collect.Process, fs []*field.Field, e *field.Env) {
	o.b = append(o.b, '{')
	o.first = true
	for _, f := range fs {
		if !o.field(f.ID, f.Has(p)) {
			continue
		}
		switch f.Kind {
		case field.Text:
			o.b = appendJSONString(o.b, f.Text(p, e))
		case field.Time:
			o.b = append(appendNumber(append(o.b, '"'), f, p, e), '"')
		default:
			o.b = appendNumber(o.b, f, p, e)
		}
		if f.ID == "cmdline" {
			appendArgv(o, p, f.Has(p))
		}
	}
	o.close()
}

// appendArgv writes "argv" beside "cmdline": the arguments apart, each escaped
// as any JSON string, since one may hold spaces the joined command line hides.
// It is null where cmdline is, and on Windows, which keeps no argv.
func appendArgv(o *jsonObj, p *collect.Process, known bool) {
	argv, ok := p.Argv()
	if !o.field("argv", known && ok) {
		return
	}
	o.b = append(o.b, '[')
	for i, a := range argv {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendJSONString(o.b, a)
	}
	o.b = append(o.b, ']')
}
