package ui_test

import (
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// family is init with two shells, each with a child, plus an orphan whose
// parent is not listed.
func family() []collect.Process {
	return []collect.Process{
		uitest.Proc(1, 0, "root", "/sbin/init"),
		uitest.Proc(10, 1, "alice", "bash"),
		uitest.Proc(11, 10, "alice", "vim a.txt"),
		uitest.Proc(20, 1, "bob", "bash"),
		uitest.Proc(21, 20, "bob", "vim b.txt"),
		uitest.Proc(99, 4242, "carol", "orphan"),
	}
}

func TestTreeFolding(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"), uitest.Tree)}, family()...)
	h.waitOrder(t, "tree", 1, 10, 11, 20, 21, 99)
	h.WaitText(t, "│  └─ vim a.txt")
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 10)
	h.Type("-")
	h.waitOrder(t, "10 folded", 1, 10, 20, 21, 99)
	h.WaitText(t, "├+ bash")
	h.Key(tcell.KeyDown)
	h.Type("-")
	h.waitOrder(t, "20 folded too", 1, 10, 20, 99)
	h.Type("+")
	h.waitOrder(t, "20 expanded", 1, 10, 20, 21, 99)
	h.Type("*") // htop's: collapse all below the roots, then expand all
	h.waitOrder(t, "all collapsed", 1, 10, 20, 99)
	h.Type("*")
	h.waitOrder(t, "all expanded", 1, 10, 11, 20, 21, 99)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 21)
	h.Key(tcell.KeyBackspace2) // into the parent: 20 selected and folded
	h.waitOrder(t, "21 folded into 20", 1, 10, 11, 20, 99)
	h.waitSelected(t, 20)
	h.Key(tcell.KeyBackspace2)
	h.waitOrder(t, "20 folded into init", 1, 99)
	h.waitSelected(t, 1)
	h.Key(tcell.KeyBackspace2) // a root: nothing to fold into
	h.Type("*")
	h.Type("*")
	h.waitOrder(t, "all expanded again", 1, 10, 11, 20, 21, 99)
	h.waitSelected(t, 1)
	h.Type("I") // siblings in the other order, children still under parents
	h.waitOrder(t, "inverted within levels", 99, 1, 20, 21, 10, 11)
	h.Key(tcell.KeyF5)
	h.waitOrder(t, "list view", 99, 21, 20, 11, 10, 1)
}

func TestSearchNextPrevious(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, family()...)
	h.Key(tcell.KeyF3)
	h.WaitText(t, "Search:")
	h.Type("VIM")
	h.waitSelected(t, 11)
	h.Key(tcell.KeyF3)
	h.waitSelected(t, 21)
	h.Key(tcell.KeyF3) // wraps
	h.waitSelected(t, 11)
	h.KeyMod(tcell.KeyF3, tcell.ModShift)
	h.waitSelected(t, 21)
	h.Key(tcell.KeyEnter)
	h.WaitGone(t, "Search:")
	h.waitSelected(t, 21)

	h.Type("/zzz") // no match: the selection stays
	h.waitSelected(t, 21)
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "Search:")

	h.Type("/99") // digits: a PID
	h.waitSelected(t, 99)
	h.Key(tcell.KeyEscape) // Esc restores the selection before the search
	h.waitSelected(t, 21)
}

// A search typed before its process is listed finds it when a snapshot brings it.
func TestSearchFindsLateProcess(t *testing.T) {
	procs := family()
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, procs...)
	h.Type("/latecomer")
	h.WaitText(t, "Search: latecomer") // every key typed, nothing matched yet
	h.waitSelected(t, 1)
	late := procs[0]
	late.PID, late.Start, late.Name = 500, 500, "latecomer"
	late.Info = &collect.Info{User: late.User(), Cmdline: "/usr/bin/latecomer --now", Argv0Len: 17}
	h.publish(t, append(procs, late)...)
	h.waitSelected(t, 500)
}
