package export

import (
	"strconv"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// Render writes the exposition of the last Update in format f.
func (x *Exporter) Render(f Format, buf []byte) []byte {
	w := &writer{b: buf, f: f}
	if x.snap != nil {
		x.renderGroups(w)
		x.renderTop(w)
		renderSystem(w, &x.snap.System)
		x.renderCost(w)
	}
	w.end()
	return w.b
}

func (x *Exporter) renderGroups(w *writer) {
	w.family("pidtop_group_processes", gauge, "Processes in the group (grouped by rules, then "+x.grouper.by+").")
	for _, name := range x.order {
		w.sample("pidtop_group_processes", float64(x.groups[name].procs), label{"group", name})
	}
	ci, gi := 0, 0
	for _, m := range x.metrics {
		name := "pidtop_group_" + m.name
		help := "The group's " + m.helpText()
		if m.min {
			help += " (the least of its processes)."
		} else {
			help += " (summed over its processes)."
		}
		w.family(name, m.typ, help)
		for j, pt := range m.parts {
			for _, gname := range x.order {
				g := x.groups[gname]
				labels := []label{{"group", gname}}
				if pt.mode != "" {
					labels = append(labels, label{"mode", pt.mode})
				}
				if m.typ == counter {
					w.sample(name, g.counters[ci+j], labels...)
				} else if g.has[gi+j] {
					w.sample(name, g.gauges[gi+j], labels...)
				}
			}
		}
		if m.typ == counter {
			ci += len(m.parts)
		} else {
			gi += len(m.parts)
		}
	}
}

// renderTop writes the top-K processes' series, keyed by PID and start time
// (a PID alone is reused), with their name and group for reading.
func (x *Exporter) renderTop(w *writer) {
	if x.cfg.TopK <= 0 {
		return
	}
	e := field.EnvOf(x.snap)
	for _, m := range x.metrics {
		if !m.topK {
			continue
		}
		name := "pidtop_process_" + m.name
		w.family(name, m.typ, "A top process's "+m.helpText()+" (the top_k by CPU and by memory only).")
		for _, pt := range m.parts {
			for _, p := range x.top {
				v, ok := value(pt.field, p, e)
				if !ok {
					continue
				}
				labels := []label{{"pid", strconv.Itoa(int(p.PID))}, {"start_time", startLabel(p)},
					{"name", p.Name}, {"group", x.procs[p.ID].group}}
				if pt.mode != "" {
					labels = append(labels, label{"mode", pt.mode})
				}
				w.sample(name, v, labels...)
			}
		}
	}
}

// startLabel is p's start in whole seconds since the Unix epoch, or the
// platform's start token where the wall-clock start is unknown.
func startLabel(p *collect.Process) string {
	if p.StartedNs != 0 {
		return strconv.FormatInt(p.StartedNs/1e9, 10)
	}
	return "t" + strconv.FormatUint(p.Start, 10)
}

func (x *Exporter) renderCost(w *writer) {
	c := &x.snap.Cost
	w.family("pidtop_exporter_collect_duration_seconds", gauge, "Wall time of the last collection.")
	w.sample("pidtop_exporter_collect_duration_seconds", c.Duration.Seconds())
	w.family("pidtop_exporter_processes_read", gauge, "Processes the last collection read.")
	w.sample("pidtop_exporter_processes_read", float64(c.Read))
	w.family("pidtop_exporter_read_errors", gauge, "Reads that failed in the last collection, by kind: vanished (the process exited), denied (a field left unknown), other (the process skipped).")
	w.sample("pidtop_exporter_read_errors", float64(c.Vanished), label{"kind", "vanished"})
	w.sample("pidtop_exporter_read_errors", float64(c.Denied), label{"kind", "denied"})
	w.sample("pidtop_exporter_read_errors", float64(c.Errors), label{"kind", "other"})
	w.family("pidtop_exporter_collections_total", counter, "Collections since the exporter started.")
	w.sample("pidtop_exporter_collections_total", float64(x.collections))
	w.family("pidtop_exporter_groups", gauge, "Groups with series of their own, the overflow group included.")
	w.sample("pidtop_exporter_groups", float64(len(x.order)))
	w.family("pidtop_exporter_start_time_seconds", gauge, "When the exporter started, seconds since the Unix epoch.")
	w.sample("pidtop_exporter_start_time_seconds", float64(x.started.Unix()))
	w.family("pidtop_exporter_series", gauge, "Samples in this exposition, this one included.")
	w.sample("pidtop_exporter_series", float64(w.series+1))
}
