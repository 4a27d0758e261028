package ui

import (
	"github.com/pidtop/pidtop/internal/collect"
	psort "github.com/pidtop/pidtop/internal/sort"
)

// foldAll is htop's *: it collapses every subtree below the roots, or, pressed
// again, expands them all. Like htop it leaves the roots (and init) open, so
// the first level stays in sight. Outside tree view it does nothing.
func (v *view) foldAll() {
	if !v.tree {
		return
	}
	v.allFolded = !v.allFolded
	clear(v.collapsed)
	if !v.allFolded {
		return
	}
	procs := v.procs()
	idx := psort.Select(procs, v.query, nil)
	for _, row := range psort.Tree(procs, idx, v.cmp(), func(collect.ID) bool { return false }) {
		if p := &procs[row.Index]; row.Depth > 0 && row.Children > 0 && p.PID > 1 {
			v.collapsed[p.ID] = true
		}
	}
}

// foldIntoParent is htop's Backspace in tree view: the selection moves to the
// selected process's parent and the parent's subtree is collapsed. A root has
// no parent to fold into.
func (v *view) foldIntoParent() {
	if !v.tree || v.selected() == nil || v.selRow >= len(v.rows) {
		return
	}
	d := v.rows[v.selRow].Depth
	for i := v.selRow - 1; i >= 0 && d > 0; i-- {
		if v.rows[i].Depth == d-1 {
			v.choose(i)
			v.collapsed[v.proc(i).ID] = true
			return
		}
	}
}
