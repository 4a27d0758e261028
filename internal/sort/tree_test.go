package sort

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
)

// render draws the tree as "prefix name" lines.
func render(ps []collect.Process, rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s%s\n", r.Prefix(), ps[r.Index].Name)
	}
	return b.String()
}

func TestTree(t *testing.T) {
	ps := procs()
	extra := procs()[2]
	extra.PID, extra.PPID, extra.Name = 310, 301, "grandchild"
	ps = append(ps, extra)
	byPID, _ := By("pid", false)
	byCPU, _ := By("cpu", false)
	cases := []struct {
		name      string
		cmp       Cmp
		q         Query
		collapsed []int32
		want      string
	}{
		{"by pid", byPID, Query{}, nil,
			"systemd\n├─ bash\n│  ├─ vim\n│  │  └─ grandchild\n│  └─ sleep\n└─ ghost\nkthreadd\n"},
		{"siblings ordered by cpu", byCPU, Query{}, nil,
			"systemd\n├─ ghost\n└─ bash\n   ├─ vim\n   │  └─ grandchild\n   └─ sleep\nkthreadd\n"},
		{"folded subtree", byPID, Query{}, []int32{300},
			"systemd\n├+ bash\n└─ ghost\nkthreadd\n"},
		{"folded root", byPID, Query{}, []int32{1, 2},
			"+ systemd\nkthreadd\n"}, // kthreadd has no children: nothing to fold
		{"filtered parent: orphans become roots", byPID, Query{Filter: "vim|sleep|grand"}, nil,
			"vim\n└─ grandchild\nsleep\n"},
	}
	for _, c := range cases {
		idx := Select(ps, c.q, nil)
		folded := func(id collect.ID) bool { return slices.Contains(c.collapsed, id.PID) }
		got := render(ps, Tree(ps, idx, c.cmp, folded))
		if got != c.want {
			t.Errorf("%s:\n got:\n%s want:\n%s", c.name, got, c.want)
		}
	}
}

func TestTreeThreadsAndCycles(t *testing.T) {
	mk := func(pid, ppid, tgid int32, name string, f collect.Flags) collect.Process {
		return collect.Process{ID: collect.ID{PID: pid}, PPID: ppid, TGID: tgid, Name: name, Flags: f}
	}
	ps := []collect.Process{
		mk(10, 1, 10, "app", 0),
		mk(11, 1, 10, "worker", collect.FlagThread), // PPID is the process's parent: hangs under TGID
		mk(20, 21, 20, "a", 0),                      // a and b are each other's parent
		mk(21, 20, 21, "b", 0),
		mk(30, 30, 30, "self", 0), // its own parent
	}
	byPID, _ := By("pid", false)
	rows := Tree(ps, []int{0, 1, 2, 3, 4}, byPID, nil)
	got := render(ps, rows)
	want := "app\n└─ worker\nself\na\n└─ b\n" // a cycle is broken after the true roots
	if got != want {
		t.Errorf("got:\n%s want:\n%s", got, want)
	}
	if rows[0].Children != 1 || rows[1].Depth != 1 {
		t.Errorf("rows = %+v", rows)
	}
}

func TestPrefixDeep(t *testing.T) {
	r := Row{Depth: 70, Guides: 1, Last: true}
	p := r.Prefix()
	if !strings.HasPrefix(p, "│  ") || !strings.HasSuffix(p, "└─ ") {
		t.Errorf("deep prefix = %q", p)
	}
	if n := strings.Count(p, " "); n < 69*2 {
		t.Errorf("deep prefix too short: %q", p)
	}
}
