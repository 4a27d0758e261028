package sort

import (
	"slices"
	"strings"

	"github.com/pidtop/pidtop/internal/collect"
)

// Row is one line of the process tree.
type Row struct {
	Index int // into the procs slice given to Tree
	Depth int // 0 for a root
	// Guides has bit d-1 set when the ancestor at depth d (1 ≤ d < Depth) has a
	// later sibling, so a vertical guide line passes through column d.
	Guides    uint64
	Last      bool // the last child of its parent (drawn └ rather than ├)
	Children  int  // direct children among the processes given to Tree
	Collapsed bool // Children are hidden (the user folded this subtree)
}

// Prefix is the tree guide drawn before the command: "│  " or "   " per ancestor
// level, then "├─ " or "└─ " ('+' in place of '─' when the subtree is folded).
// A root has no prefix, or "+ " when folded.
func (r Row) Prefix() string {
	if r.Depth == 0 {
		if r.Collapsed {
			return "+ "
		}
		return ""
	}
	var b strings.Builder
	b.Grow(r.Depth * 7)
	for d := 1; d < r.Depth; d++ {
		if d <= 64 && r.Guides&(1<<(d-1)) != 0 {
			b.WriteString("│  ")
		} else {
			b.WriteString("   ")
		}
	}
	if r.Last {
		b.WriteString("└")
	} else {
		b.WriteString("├")
	}
	if r.Collapsed {
		b.WriteString("+ ")
	} else {
		b.WriteString("─ ")
	}
	return b.String()
}

// parentOf is a row's parent PID in the tree: a thread hangs under its process,
// a process under its parent.
func parentOf(p *collect.Process) int32 {
	if p.Flags&collect.FlagThread != 0 && p.TGID != p.PID {
		return p.TGID
	}
	return p.PPID
}

// Tree nests the processes idx of procs: children under their parent, each level
// (the roots too) ordered by c. A process whose parent is not among idx (filtered
// out, exited, or PID 0) is a root; so are processes caught in a parent cycle.
// Folded subtrees (collapsed reports true for their root) contribute their root
// only. The result lists the rows in display order.
func Tree(procs []collect.Process, idx []int, c Cmp, collapsed func(collect.ID) bool) []Row {
	n := len(idx)
	pos := make(map[int32]int, n) // PID -> position in idx
	for k, i := range idx {
		pos[procs[i].PID] = k
	}
	parent := make([]int, n) // position of the parent in idx, or -1
	count := make([]int, n+1)
	for k, i := range idx {
		parent[k] = -1
		p := &procs[i]
		if pk, ok := pos[parentOf(p)]; ok && pk != k {
			parent[k] = pk
			count[pk+1]++
		}
	}
	// Children lists in one array (CSR): kids[start[k]:start[k+1]] are k's.
	for k := 1; k <= n; k++ {
		count[k] += count[k-1]
	}
	start := slices.Clone(count)
	kids := make([]int, n)
	var roots []int
	for k := range n {
		if pk := parent[k]; pk >= 0 {
			kids[count[pk]] = k
			count[pk]++
		} else {
			roots = append(roots, k)
		}
	}
	byC := func(a, b int) int { return c(&procs[idx[a]], &procs[idx[b]]) }
	for k := range n {
		slices.SortFunc(kids[start[k]:start[k+1]], byC)
	}
	slices.SortFunc(roots, byC)

	w := treeWalk{procs: procs, idx: idx, kids: kids, start: start, collapsed: collapsed,
		seen: make([]bool, n), rows: make([]Row, 0, n)}
	for _, r := range roots {
		w.walk(r, true)
	}
	// Whatever is unseen now sits on a parent cycle: break it at its smallest member.
	var rest []int
	for k := range n {
		if !w.seen[k] && parent[k] >= 0 {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(rest, byC)
	for _, k := range rest {
		if !w.seen[k] {
			w.walk(k, true)
		}
	}
	return w.rows
}

// treeWalk emits rows depth-first without recursion.
type treeWalk struct {
	procs     []collect.Process
	idx       []int
	kids      []int
	start     []int
	collapsed func(collect.ID) bool
	seen      []bool
	rows      []Row
}

type frame struct {
	k      int
	depth  int
	guides uint64
	last   bool
	hidden bool // inside a folded subtree: marked seen, not shown
}

func (w *treeWalk) walk(root int, last bool) {
	stack := []frame{{k: root, last: last}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if w.seen[f.k] {
			continue
		}
		w.seen[f.k] = true
		ch := w.kids[w.start[f.k]:w.start[f.k+1]]
		if f.hidden {
			for _, k := range ch {
				stack = append(stack, frame{k: k, hidden: true})
			}
			continue
		}
		row := Row{Index: w.idx[f.k], Depth: f.depth, Guides: f.guides, Last: f.last, Children: len(ch)}
		row.Collapsed = len(ch) > 0 && w.collapsed != nil && w.collapsed(w.procs[row.Index].ID)
		w.rows = append(w.rows, row)
		g := f.guides
		if f.depth >= 1 && f.depth <= 64 && !f.last {
			g |= 1 << (f.depth - 1)
		}
		for j := len(ch) - 1; j >= 0; j-- { // pushed in reverse: popped in order
			stack = append(stack, frame{k: ch[j], depth: f.depth + 1, guides: g, last: j == len(ch)-1, hidden: row.Collapsed})
		}
	}
}
