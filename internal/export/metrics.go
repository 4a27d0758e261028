package export

import (
	"cmp"
	"slices"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// A procMetric is one metric family of per-process figures, the same for a
// group (summed, or the minimum) and for a top-K process: the fields it is
// made of come from the registry, which gives their value, unit, what the
// collector reads for them and whether a record has them.
type procMetric struct {
	name  string // after pidtop_group_ and pidtop_process_
	typ   string // gauge or counter
	help  string // "": the field's description (a family of one field)
	parts []part
	min   bool // a group's value is its processes' least, not their sum
	topK  bool // also a series for each top-K process
	when  func(*Config) bool
}

// part is one field of a family, with the label value (mode) its series
// carry when the family has several.
type part struct {
	field *field.Field
	mode  string
}

func f(id string) *field.Field {
	fl, ok := field.Lookup(id)
	if !ok {
		panic("export: no field " + id) // a renamed field: caught by every test
	}
	return fl
}

var procMetrics = []procMetric{
	{name: "cpu_seconds_total", typ: counter, help: "CPU time, by mode (user, system)", topK: true,
		parts: []part{{f("user_time_s"), "user"}, {f("system_time_s"), "system"}}},
	{name: "resident_memory_bytes", typ: gauge, topK: true,
		parts: []part{{f("res_bytes"), ""}}},
	{name: "proportional_memory_bytes", typ: gauge, parts: []part{{f("pss_bytes"), ""}}, when: func(c *Config) bool { return c.PSS }},
	{name: "read_bytes_total", typ: counter, parts: []part{{f("read_bytes"), ""}}, when: func(c *Config) bool { return c.IO }},
	{name: "write_bytes_total", typ: counter, parts: []part{{f("write_bytes"), ""}}, when: func(c *Config) bool { return c.IO }},
	{name: "context_switches_total", typ: counter, parts: []part{{f("ctxt_switches"), ""}}, when: func(c *Config) bool { return c.CtxtSw }},
	{name: "major_page_faults_total", typ: counter, parts: []part{{f("major_faults"), ""}}},
	{name: "threads", typ: gauge, parts: []part{{f("threads"), ""}}},
	{name: "oldest_start_time_seconds", typ: gauge, help: "start of the oldest process, seconds since the Unix epoch",
		parts: []part{{f("start_time"), ""}}, min: true},
}

// value is p's value of fl in base units (seconds, bytes, counts), and
// whether p has one.
func value(fl *field.Field, p *collect.Process, e *field.Env) (float64, bool) {
	if !fl.Has(p) {
		return 0, false
	}
	switch fl.Kind {
	case field.Float:
		return fl.Float(p, e), true
	case field.Duration, field.Time:
		return float64(fl.Int(p, e)) / 1e9, true
	case field.Int, field.Bool:
		return float64(fl.Int(p, e)), true
	}
	return 0, false
}

// Config is what the exporter exports and how it groups.
type Config struct {
	GroupBy   string // comm, user or cgroup; "" is comm
	Rules     []Rule
	TopK      int // top processes by CPU and by memory with series of their own
	MaxGroups int // groups with series of their own; 0 means 300
	IO        bool
	CtxtSw    bool
	PSS       bool
}

// metrics is the families this configuration exports.
func (c *Config) metrics() []*procMetric {
	var out []*procMetric
	for i := range procMetrics {
		if m := &procMetrics[i]; m.when == nil || m.when(c) {
			out = append(out, m)
		}
	}
	return out
}

// helpText is the family's help: its own, or its one field's description.
func (m *procMetric) helpText() string {
	if m.help != "" {
		return m.help
	}
	return m.parts[0].field.Desc
}

// Needs is what the collector must read for the exporter's metrics and
// grouping, beyond stat.
func (c *Config) Needs() (collect.Needs, error) {
	g, err := newGrouper(c.GroupBy, c.Rules)
	if err != nil {
		return 0, err
	}
	n := g.needs()
	for _, m := range c.metrics() {
		for _, p := range m.parts {
			n |= p.field.Needs
		}
	}
	return n, nil
}

// Exporter turns snapshots into metrics. Counters of a group must not go down
// when one of its processes exits, so it keeps, for each process, the values
// already counted, and adds each collection's increase to the process's
// group. Not safe for concurrent use: Server serializes it.
type Exporter struct {
	cfg         Config
	metrics     []*procMetric
	grouper     grouper
	sweep       uint64
	procs       map[collect.ID]*procState
	groups      map[string]*groupState
	order       []string // group names, sorted, for the output
	top         []*collect.Process
	snap        *collect.Snapshot
	started     time.Time
	collections uint64
}

// procState is what the exporter remembers of one process.
type procState struct {
	seen    uint64
	name    string
	info    *collect.Info
	key     string    // its group, by the rules, before MaxGroups
	group   string    // the group it is counted in this collection: key or OverflowGroup
	counted []float64 // per counter part: the value already added to a group; -1: none yet
}

// groupState is one group's figures: counters accumulated over collections,
// gauges of the last one.
type groupState struct {
	seen     uint64
	counters []float64 // per counter part, accumulated
	gauges   []float64 // per gauge part, this collection
	has      []bool    // per gauge part: some process had a value
	procs    int
}

// New makes an exporter of cfg.
func New(cfg Config) (*Exporter, error) {
	g, err := newGrouper(cfg.GroupBy, cfg.Rules)
	if err != nil {
		return nil, err
	}
	if cfg.MaxGroups <= 0 {
		cfg.MaxGroups = 300
	}
	return &Exporter{cfg: cfg, metrics: cfg.metrics(), grouper: g, procs: map[collect.ID]*procState{},
		groups: map[string]*groupState{}, started: time.Now()}, nil
}

// parts counts the counter and gauge parts of the exported families.
func (x *Exporter) parts() (counters, gauges int) {
	for _, m := range x.metrics {
		if m.typ == counter {
			counters += len(m.parts)
		} else {
			gauges += len(m.parts)
		}
	}
	return
}

// Update takes in a new snapshot: it assigns every live process to a group,
// adds its counters' increase to the group, and picks the top-K processes.
// The snapshot must not change while the exporter holds it.
func (x *Exporter) Update(s *collect.Snapshot) {
	x.sweep++
	x.snap = s
	x.collections++
	nc, ng := x.parts()
	e := field.EnvOf(s)
	for _, g := range x.groups {
		clear(g.gauges)
		clear(g.has)
		g.procs = 0
	}
	live := make([]*collect.Process, 0, len(s.Procs))
	for i := range s.Procs {
		p := &s.Procs[i]
		if p.Is(collect.FlagExited) || p.Is(collect.FlagThread) {
			continue
		}
		live = append(live, p)
		st := x.procs[p.ID]
		if st == nil {
			st = &procState{counted: make([]float64, nc)}
			for j := range st.counted {
				st.counted[j] = -1
			}
			x.procs[p.ID] = st
		}
		if st.key == "" || st.name != p.Name || st.info != p.Info {
			st.key, st.name, st.info = x.grouper.group(p), p.Name, p.Info
		}
		st.seen = x.sweep
		var g *groupState
		g, st.group = x.groupOf(st.key, nc, ng)
		g.procs++
		ci, gi := 0, 0
		for _, m := range x.metrics {
			for _, pt := range m.parts {
				v, ok := value(pt.field, p, e)
				if m.typ == counter {
					if ok {
						if prev := st.counted[ci]; prev < 0 || v < prev {
							g.counters[ci] += v // first seen: its whole life counts
						} else {
							g.counters[ci] += v - prev
						}
						st.counted[ci] = v
					}
					ci++
					continue
				}
				if ok {
					switch {
					case !g.has[gi]:
						g.gauges[gi] = v
					case m.min:
						g.gauges[gi] = min(g.gauges[gi], v)
					default:
						g.gauges[gi] += v
					}
					g.has[gi] = true
				}
				gi++
			}
		}
	}
	for id, st := range x.procs {
		if st.seen != x.sweep {
			delete(x.procs, id)
		}
	}
	x.order = x.order[:0]
	for name, g := range x.groups {
		if g.seen != x.sweep {
			delete(x.groups, name) // no process left: its series end
			continue
		}
		x.order = append(x.order, name)
	}
	slices.Sort(x.order)
	x.top = topK(live, x.cfg.TopK)
}

// groupOf returns the group state of key for this collection: its own while
// it has one or there is room for one more, else the overflow group's.
func (x *Exporter) groupOf(key string, nc, ng int) (*groupState, string) {
	g := x.groups[key]
	if g == nil {
		if len(x.groups) >= x.cfg.MaxGroups && key != OverflowGroup {
			return x.groupOf(OverflowGroup, nc, ng)
		}
		g = &groupState{counters: make([]float64, nc), gauges: make([]float64, ng), has: make([]bool, ng)}
		x.groups[key] = g
	}
	g.seen = x.sweep
	return g, key
}

// topK is the union of the k processes using the most CPU (over the last
// interval) and the k with the most resident memory, by PID.
func topK(live []*collect.Process, k int) []*collect.Process {
	if k <= 0 {
		return nil
	}
	byCPU := func(a, b *collect.Process) int {
		return cmp.Or(cmp.Compare(b.CPUPercent, a.CPUPercent), cmp.Compare(a.PID, b.PID))
	}
	byMem := func(a, b *collect.Process) int {
		return cmp.Or(cmp.Compare(b.ResBytes, a.ResBytes), cmp.Compare(a.PID, b.PID))
	}
	var out []*collect.Process
	for _, order := range []func(a, b *collect.Process) int{byCPU, byMem} {
		slices.SortFunc(live, order)
		out = append(out, live[:min(k, len(live))]...)
	}
	slices.SortFunc(out, func(a, b *collect.Process) int { return cmp.Compare(a.PID, b.PID) })
	return slices.CompactFunc(out, func(a, b *collect.Process) bool { return a == b })
}
