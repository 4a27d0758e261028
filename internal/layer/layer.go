// Package layer names the optimisations that sit on pidtop's plain core and
// lets each be switched off, so that each can be measured against the core
// without it (bench/anchors.sh runs a row per layer).
//
// The plain core: the collector reads what the union of needs says for every
// process, every tick, into a fresh snapshot; the viewer draws it through
// tview and tcell as they come. A layer changes how much that costs, never
// what is shown: with any set of layers off, every figure and every frame is
// the same (at most later or less often exact, as each layer says).
//
// PIDTOP_OFF, a comma-separated list of layer names (or "all"), switches
// layers off for one run. This table is the one list of layers: the switches
// in the code ask On, the man page's ENVIRONMENT section and the bench's rows
// are made from All.
package layer

import (
	"fmt"
	"strings"
	"sync/atomic"
)

// ID is a layer.
type ID uint8

// The layers, in the order of All.
const (
	FirstLook ID = iota
	SkipIdle
	Relist
	RawSys
	KeepIdle
	ShrShown
	GCRoom
	OneProc
	FrameDiff
	Shift
	Compact
	count
)

// Layer is one optimisation: its switch's name, the bench figure it is for,
// and what it saves and what it costs.
type Layer struct {
	Name   string
	Figure string // the bench table's column it is judged by
	Doc    string
}

// All lists every layer, indexed by ID.
var All = [count]Layer{
	FirstLook: {"firstlook", "first frame",
		"The viewer's first frame, when it shows the lowest PIDs anyway (sorted by CPU% or PID, no tree, no filter), " +
			"is drawn from a first look at the first screenful of /proc instead of waiting for a pass over every process. " +
			"Costs a second read of those processes."},
	Relist: {"relist", "CPU",
		"Linux: /proc is listed again only when loadavg's last PID moved (a process or thread was made), " +
			"at least every tenth tick; otherwise the last listing, less the processes found gone, is read. " +
			"Costs a read of loadavg per tick."},
	RawSys: {"rawsys", "wakeups",
		"Linux: opening, closing, listing and reading the /proc files that never block (stat, statm, schedstat) go through raw " +
			"system calls, which the Go scheduler does not see; a call that outlasts 20 µs through the ordinary path " +
			"lets sysmon hand the P to another thread and back. Files that can block (cmdline, environ) never do."},
	SkipIdle: {"skipidle", "CPU",
		"A process that has not run since its last read (Linux: its schedstat run count did not move) keeps its last record " +
			"instead of having its stat read and parsed again; the rows on screen and every process every few ticks are read in full. " +
			"Costs a schedstat read per idle process and up to a few ticks of staleness in the figures that change without running."},
	KeepIdle: {"keepidle", "exporter CPU",
		"With skipidle, the metrics exporter also keeps an idle process's statm, io and status figures. " +
			"Costs staleness of memory figures for up to a few ticks."},
	ShrShown: {"shrshown", "CPU",
		"SHR needs statm; it is read for the rows on screen only (and for a row that comes on screen between ticks), " +
			"unless the sort asks for it. Costs a read per row scrolled onto the screen between ticks."},
	GCRoom: {"gcroom", "RSS",
		"After each tick the viewer sets GOGC for a fixed room over the live heap (1 MiB; 2 MiB while it allocates little), " +
			"where Go's default lets the heap grow to twice the live heap between collections. " +
			"Costs more frequent, smaller garbage collections."},
	OneProc: {"oneproc", "wakeups",
		"After the first tick the viewer runs on one P (GOMAXPROCS=1): handing a snapshot between goroutines does not wake another thread. " +
			"Costs a key's answer waiting for the collector's next preemption (at most 10 ms) during a tick."},
	FrameDiff: {"framediff", "terminal bytes",
		"The viewer draws each frame into its own buffer and hands tcell only the cells that changed since the last frame; " +
			"tview clears the screen before every frame, which otherwise makes tcell send every non-blank cell again."},
	Shift: {"shift", "terminal bytes",
		"When the list moves by a row or a few, the terminal moves the rows itself (scroll region) and only the new rows are sent."},
	Compact: {"compact", "terminal bytes",
		"A frame's writes are collected and its escape sequences rewritten shorter (relative moves, colour changes only where " +
			"they change, blank tails erased), then sent in one write(2)."},
}

// off has bit i set when layer i is off.
var off atomic.Uint32

// On reports whether layer id is on.
func On(id ID) bool { return off.Load()&(1<<id) == 0 }

// Set switches layer id on or off (tests; the environment is read by Load).
// It returns a function that puts the switch back.
func Set(id ID, on bool) (restore func()) {
	was := On(id)
	set(id, on)
	return func() { set(id, was) }
}

func set(id ID, on bool) {
	for {
		old := off.Load()
		n := old | 1<<id
		if on {
			n = old &^ (1 << id)
		}
		if off.CompareAndSwap(old, n) {
			return
		}
	}
}

// Load switches off the layers a PIDTOP_OFF value names and every other one
// on. An unknown name is an error naming the known ones; the layers it names
// before and after it are still switched off.
func Load(value string) error {
	var bits uint32
	var bad []string
	for _, name := range strings.Split(value, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		switch name {
		case "":
		case "all":
			bits = 1<<count - 1
		default:
			id, ok := Lookup(name)
			if !ok {
				bad = append(bad, name)
				continue
			}
			bits |= 1 << id
		}
	}
	off.Store(bits)
	if len(bad) > 0 {
		return fmt.Errorf("PIDTOP_OFF: unknown layer %q (the layers are %s, or all)", strings.Join(bad, ","), strings.Join(Names(), ", "))
	}
	return nil
}

// Lookup finds a layer by name.
func Lookup(name string) (ID, bool) {
	for i, l := range All {
		if l.Name == name {
			return ID(i), true
		}
	}
	return 0, false
}

// Names lists the layers' names in order.
func Names() []string {
	names := make([]string, len(All))
	for i, l := range All {
		names[i] = l.Name
	}
	return names
}

// Off lists the names of the layers switched off.
func Off() []string {
	var names []string
	for i, l := range All {
		if !On(ID(i)) {
			names = append(names, l.Name)
		}
	}
	return names
}
