package main

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// pidtop -b -n 1 --json --fields pid,PPID,ELAPSED,M_PSS,OOM prints objects with
// exactly those five fields under their JSON names, and the values agree with
// what /proc says of the process.
func TestJSONFieldsAgreeWithProc(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	pid := spawnNamed(t, "pidtop-fields-test")
	out := runOK(t, "-b", "-n", "1", "--json", "--fields", "pid,PPID,ELAPSED,M_PSS,OOM", "-p", strconv.Itoa(pid))
	var snap struct {
		Processes []map[string]any `json:"processes"`
	}
	if err := json.Unmarshal([]byte(out), &snap); err != nil || len(snap.Processes) != 1 {
		t.Fatalf("%v: %d processes in %q", err, len(snap.Processes), out)
	}
	p := snap.Processes[0]
	var keys []string
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"elapsed_s", "oom_score", "pid", "ppid", "pss_bytes"}; !slices.Equal(keys, want) {
		t.Fatalf("fields %v, want %v", keys, want)
	}
	read := func(name string) string {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	num := func(k string) float64 {
		v, ok := p[k].(float64)
		if !ok {
			t.Fatalf("%s = %v, want a number", k, p[k])
		}
		return v
	}
	if num("pid") != float64(pid) || num("ppid") != float64(os.Getpid()) {
		t.Errorf("pid %v ppid %v, want %d %d", p["pid"], p["ppid"], pid, os.Getpid())
	}
	oom, _ := strconv.Atoi(strings.TrimSpace(read("oom_score")))
	if num("oom_score") != float64(oom) {
		t.Errorf("oom_score %v, /proc says %d", p["oom_score"], oom)
	}
	var pss float64
	for _, l := range strings.Split(read("smaps_rollup"), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "Pss:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			pss = kb * 1024
		}
	}
	// A sleeping process's memory holds still, but a page shared with a
	// process that exits in between changes its share: within a tenth.
	if got := num("pss_bytes"); pss == 0 || math.Abs(got-pss) > pss/10 {
		t.Errorf("pss_bytes %v, /proc says %v", got, pss)
	}
	// Elapsed: the spawn was moments ago; the run took a priming read and
	// 200 ms, so the figure is between those and a generous bound.
	if e := num("elapsed_s"); e < 0.1 || e > 60 {
		t.Errorf("elapsed_s %v for a process started by this test", e)
	}
}
