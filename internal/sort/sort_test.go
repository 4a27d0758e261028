package sort

import (
	"github.com/pidtop/pidtop/internal/field"
	"slices"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

const allKnown = collect.Known(1<<32 - 1)

// procs is a small fixed process table: init, a shell with two children, a kernel
// thread, and a process whose memory figures are unknown.
func procs() []collect.Process {
	mk := func(pid, ppid int32, user, name, cmd string, cpu, mem float64, res uint64, t time.Duration) collect.Process {
		return collect.Process{ID: collect.ID{PID: pid, Start: uint64(pid) * 10}, PPID: ppid, TGID: pid,
			Info: &collect.Info{User: user, Cmdline: cmd}, Name: name, CPUPercent: cpu, MemPercent: mem, ResBytes: res,
			UserTime: t, Known: allKnown}
	}
	ps := []collect.Process{
		mk(1, 0, "root", "systemd", "/sbin/init splash", 0.5, 0.3, 12<<20, 3*time.Second),
		mk(300, 1, "alice", "bash", "-bash", 0, 0.1, 4<<20, time.Second),
		mk(301, 300, "alice", "vim", "vim Notes.TXT", 2, 1.5, 60<<20, 9*time.Second),
		mk(302, 300, "alice", "sleep", "sleep 100", 0, 0.01, 1<<20, 0),
		mk(2, 0, "root", "kthreadd", "", 0, 0, 0, 0),
		mk(400, 1, "1001", "ghost", "ghost --quiet", 2, 0, 0, time.Second),
	}
	ps[4].Flags = collect.FlagKernelThread
	ps[5].Known &^= collect.KnownRes
	return ps
}

func pids(ps []collect.Process, idx []int) []int32 {
	out := make([]int32, len(idx))
	for k, i := range idx {
		out[k] = ps[i].PID
	}
	return out
}

func TestBy(t *testing.T) {
	cases := []struct {
		key     string
		reverse bool
		want    []int32
	}{
		{"pid", false, []int32{1, 2, 300, 301, 302, 400}},
		{"PID", true, []int32{400, 302, 301, 300, 2, 1}},
		{"cpu", false, []int32{301, 400, 1, 2, 300, 302}}, // ties by PID ascending
		{"cpu", true, []int32{2, 300, 302, 1, 301, 400}},
		{"mem", false, []int32{301, 1, 300, 302, 2, 400}}, // unknown last when descending
		{"mem", true, []int32{400, 2, 302, 300, 1, 301}},  // and first when ascending
		{"res", false, []int32{301, 1, 300, 302, 2, 400}},
		{"time", false, []int32{301, 1, 300, 400, 2, 302}},
		{"user", false, []int32{400, 300, 301, 302, 1, 2}},
		{"command", false, []int32{300, 1, 400, 2, 302, 301}}, // kernel thread sorts by name
		{"ppid", false, []int32{1, 2, 300, 400, 301, 302}},
	}
	ps := procs()
	for _, c := range cases {
		cmp, err := By(c.key, c.reverse)
		if err != nil {
			t.Fatalf("By(%q): %v", c.key, err)
		}
		got := pids(ps, Apply(ps, Query{}, cmp))
		if !slices.Equal(got, c.want) {
			t.Errorf("By(%q, %v) = %v, want %v", c.key, c.reverse, got, c.want)
		}
	}
}

func TestByUnknownKey(t *testing.T) {
	if _, err := By("nope", false); err == nil {
		t.Fatal("By(nope) succeeded")
	}
	for _, f := range field.AllFields() {
		for _, name := range append([]string{f.ID}, f.Aliases...) {
			if _, err := By(name, false); err != nil {
				t.Errorf("By(%q): %v", name, err)
			}
		}
	}
}

// TestOrderIsTotal checks every key's order on the same input is independent of
// the input order (a total order breaks ties by PID).
func TestOrderIsTotal(t *testing.T) {
	ps := procs()
	for _, k := range field.AllFields() {
		for _, rev := range []bool{false, true} {
			a := Apply(ps, Query{}, k.Order(rev, nil))
			b := slices.Clone(a)
			slices.Reverse(b)
			Sort(ps, b, k.Order(rev, nil))
			if !slices.Equal(a, b) {
				t.Errorf("key %s reverse=%v: order depends on input: %v vs %v", k.ID, rev, pids(ps, a), pids(ps, b))
			}
		}
	}
}

func TestSelect(t *testing.T) {
	cases := []struct {
		name string
		q    Query
		want []int32
	}{
		{"all", Query{}, []int32{1, 300, 301, 302, 2, 400}},
		{"substring in cmdline, any case", Query{Filter: "notes.txt"}, []int32{301}},
		{"upper-case filter", Query{Filter: "BASH"}, []int32{300}},
		{"alternatives", Query{Filter: "vim|sleep"}, []int32{301, 302}},
		{"empty alternatives ignored", Query{Filter: "|kthread|"}, []int32{2}},
		{"spaces kept", Query{Filter: "sleep 100"}, []int32{302}},
		{"no match", Query{Filter: "zzz"}, nil},
		{"user by name", Query{User: "alice"}, []int32{300, 301, 302}},
		{"user by uid text", Query{User: "1001"}, []int32{400}},
		{"pids", Query{PIDs: []int32{1, 302}}, []int32{1, 302}},
		{"hide kernel threads", Query{HideKernelThreads: true}, []int32{1, 300, 301, 302, 400}},
		{"filter and user", Query{User: "alice", Filter: "i"}, []int32{301}},
	}
	ps := procs()
	for _, c := range cases {
		got := pids(ps, Select(ps, c.q, nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: Select = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestSelectThreadsAndUID(t *testing.T) {
	ps := procs()
	th := ps[2]
	th.PID, th.TGID, th.Flags = 305, 301, collect.FlagThread
	th.Info = &collect.Info{UID: 1000, User: th.User(), Cmdline: th.Cmdline()}
	ps = append(ps, th)
	ps[1].Info = &collect.Info{UID: 1000, User: ps[1].User(), Cmdline: ps[1].Cmdline()}
	if got := pids(ps, Select(ps, Query{HideThreads: true}, nil)); slices.Contains(got, 305) {
		t.Errorf("HideThreads kept the thread: %v", got)
	}
	if got := pids(ps, Select(ps, Query{PIDs: []int32{301}}, nil)); !slices.Equal(got, []int32{301, 305}) {
		t.Errorf("PIDs=301 = %v, want the process and its thread", got)
	}
	if got := pids(ps, Select(ps, Query{User: "1000"}, nil)); !slices.Equal(got, []int32{300, 305}) {
		t.Errorf("User=1000 = %v, want the processes with UID 1000", got)
	}
}

func TestContainsFold(t *testing.T) {
	cases := []struct {
		h, needle string
		want      bool
	}{
		{"Hello World", "world", true},
		{"Hello", "hello!", false},
		{"", "a", false},
		{"ÄRGER ärger", "ärger", true},
		{"STRASSE", "ä", false},
		{"naïve CAFÉ", "café", true},
		{"x\x1b[2Jy", "[2j", true},
	}
	for _, c := range cases {
		if got := containsFold(c.h, c.needle); got != c.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", c.h, c.needle, got, c.want)
		}
	}
}
