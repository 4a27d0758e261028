package export

import (
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/pidtop/pidtop/internal/collect"
)

// proc is a live process record with the figures the exporter reads.
func proc(pid int32, name string, user time.Duration, res uint64) collect.Process {
	return collect.Process{ID: collect.ID{PID: pid, Start: uint64(pid) * 100}, Name: name,
		UserTime: user, SystemTime: user / 2, ResBytes: res, Threads: 1, StartedNs: int64(pid) * 1e9,
		CPUPercent: float64(user / time.Second),
		Known:      collect.KnownCPU | collect.KnownRes | collect.KnownThreads | collect.KnownStart | collect.KnownFaults}
}

func snapshot(procs ...collect.Process) *collect.Snapshot {
	return &collect.Snapshot{Time: time.Unix(1000, 0), Procs: procs}
}

// sample finds the value of the sample of family fam whose labels include
// want (name=value pairs), and whether there is one.
func sample(fams map[string]*dto.MetricFamily, fam string, want ...string) (float64, bool) {
	for _, m := range fams[fam].GetMetric() {
		ok := true
		for i := 0; i < len(want); i += 2 {
			found := false
			for _, l := range m.GetLabel() {
				found = found || l.GetName() == want[i] && l.GetValue() == want[i+1]
			}
			ok = ok && found
		}
		if ok {
			if m.GetCounter() != nil {
				return m.GetCounter().GetValue(), true
			}
			return m.GetGauge().GetValue(), true
		}
	}
	return 0, false
}

func render(t *testing.T, x *Exporter) map[string]*dto.MetricFamily {
	t.Helper()
	return parseText(t, x.Render(Text, nil))
}

// A group's CPU counter keeps what its exited processes used: it never goes
// down when one of them exits.
func TestGroupCountersSurviveExit(t *testing.T) {
	x, err := New(Config{TopK: 0})
	if err != nil {
		t.Fatal(err)
	}
	x.Update(snapshot(proc(10, "web", 10*time.Second, 100), proc(11, "web", 5*time.Second, 200)))
	fams := render(t, x)
	if v, _ := sample(fams, "pidtop_group_cpu_seconds_total", "group", "web", "mode", "user"); v != 15 {
		t.Errorf("first collection: web user CPU %v, want 15", v)
	}
	if v, _ := sample(fams, "pidtop_group_resident_memory_bytes", "group", "web"); v != 300 {
		t.Errorf("web RSS %v, want 300", v)
	}
	exited := proc(11, "web", 5*time.Second, 200)
	exited.Flags = collect.FlagExited
	x.Update(snapshot(proc(10, "web", 12*time.Second, 100), exited, proc(12, "web", time.Second, 50)))
	fams = render(t, x)
	if v, _ := sample(fams, "pidtop_group_cpu_seconds_total", "group", "web", "mode", "user"); v != 18 {
		t.Errorf("after an exit and a start: web user CPU %v, want 15+2+1", v)
	}
	if v, _ := sample(fams, "pidtop_group_processes", "group", "web"); v != 2 {
		t.Errorf("web processes %v, want 2", v)
	}
	if v, _ := sample(fams, "pidtop_group_oldest_start_time_seconds", "group", "web"); v != 10 {
		t.Errorf("web oldest start %v, want 10", v)
	}
	// The group's last process exits: its series end.
	x.Update(snapshot(proc(20, "db", time.Second, 1)))
	if _, ok := sample(render(t, x), "pidtop_group_processes", "group", "web"); ok {
		t.Error("a group with no process left still has series")
	}
}

// Past MaxGroups, new groups' processes are counted under OverflowGroup:
// random names cannot make the series unbounded.
func TestMaxGroups(t *testing.T) {
	x, _ := New(Config{MaxGroups: 2})
	var procs []collect.Process
	for i := range 50 {
		procs = append(procs, proc(int32(100+i), "rand"+strings.Repeat("x", i%15), time.Second, 1))
	}
	x.Update(snapshot(procs...))
	fams := render(t, x)
	if n := len(fams["pidtop_group_processes"].GetMetric()); n != 3 {
		t.Errorf("%d groups, want 2 and the overflow group", n)
	}
	if v, _ := sample(fams, "pidtop_group_processes", "group", OverflowGroup); v < 40 {
		t.Errorf("overflow group has %v processes", v)
	}
	if v, _ := sample(fams, "pidtop_exporter_groups"); v != 3 {
		t.Errorf("pidtop_exporter_groups %v", v)
	}
}

// The top K by CPU and the top K by memory get series of their own, keyed by
// PID and start time; nobody else does.
func TestTopK(t *testing.T) {
	x, _ := New(Config{TopK: 1})
	x.Update(snapshot(proc(1, "a", 1*time.Second, 1000), proc(2, "b", 9*time.Second, 10), proc(3, "c", 2*time.Second, 20)))
	fams := render(t, x)
	ms := fams["pidtop_process_resident_memory_bytes"].GetMetric()
	if len(ms) != 2 {
		t.Fatalf("%d top processes, want 2 (pid 2 by CPU, pid 1 by memory)", len(ms))
	}
	if v, ok := sample(fams, "pidtop_process_cpu_seconds_total", "pid", "2", "start_time", "2", "name", "b", "group", "b", "mode", "system"); !ok || v != 4.5 {
		t.Errorf("pid 2's system CPU %v, %v", v, ok)
	}
	if _, ok := sample(fams, "pidtop_process_resident_memory_bytes", "pid", "3"); ok {
		t.Error("pid 3 is in neither top 1 and has a series")
	}
}

// Rules come before group_by; a comm pattern matches the whole name.
func TestRules(t *testing.T) {
	x, err := New(Config{Rules: []Rule{{Name: "web", Comm: "nginx|caddy"}}, GroupBy: "comm"})
	if err != nil {
		t.Fatal(err)
	}
	k := proc(3, "kworker/0:1", 0, 0)
	k.Flags = collect.FlagKernelThread
	x.Update(snapshot(proc(1, "nginx", 0, 1), proc(2, "nginx2", 0, 1), k))
	fams := render(t, x)
	for group, want := range map[string]float64{"web": 1, "nginx2": 1, KernelGroup: 1} {
		if v, _ := sample(fams, "pidtop_group_processes", "group", group); v != want {
			t.Errorf("group %q: %v processes, want %v", group, v, want)
		}
	}
	if _, err := New(Config{Rules: []Rule{{Name: "bad", Comm: "("}}}); err == nil {
		t.Error("a bad pattern was accepted")
	}
	if _, err := New(Config{GroupBy: "pid"}); err == nil {
		t.Error("group by pid was accepted")
	}
}

// Hostile names reach the output as one inert label value each, and the
// exposition still parses in both formats.
func TestHostileNames(t *testing.T) {
	x, _ := New(Config{TopK: 10})
	names := []string{"a\nb", `q"uote`, `back\slash`, "\x1b[2J", "bad\xff", "}\n# EOF"}
	var procs []collect.Process
	for i, n := range names {
		procs = append(procs, proc(int32(i+1), n, time.Second, 1))
	}
	x.Update(snapshot(procs...))
	fams := render(t, x)
	for _, want := range []string{`a\u000Ab`, `q"uote`, `back\slash`, `\u001B[2J`, "bad\uFFFD", `}\u000A# EOF`} {
		if _, ok := sample(fams, "pidtop_group_processes", "group", want); !ok {
			t.Errorf("no group %q", want)
		}
	}
	om := string(x.Render(OpenMetrics, nil))
	if strings.Count(om, "# EOF\n") != 1 || !strings.HasSuffix(om, "# EOF\n") {
		t.Errorf("OpenMetrics output has a stray # EOF line:\n%s", om)
	}
}

// Every help text is one line without a double quote, so appendHelp's
// escapes are the same in both formats.
func TestHelpTexts(t *testing.T) {
	x, _ := New(Config{TopK: 1, IO: true, CtxtSw: true, PSS: true})
	x.Update(&collect.Snapshot{Procs: []collect.Process{proc(1, "a", 1, 1)},
		System: collect.System{Known: collect.SysKnownCPU | collect.SysKnownCPUTime | collect.SysKnownMemory |
			collect.SysKnownSwap | collect.SysKnownLoad | collect.SysKnownUptime | collect.SysKnownTasks}})
	for _, line := range strings.Split(string(x.Render(Text, nil)), "\n") {
		if strings.HasPrefix(line, "# HELP ") && strings.ContainsAny(line, `"\`) {
			t.Errorf("help text with a quote or backslash: %s", line)
		}
	}
}
