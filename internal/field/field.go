package field

import (
	"cmp"
	"runtime"
	"strings"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// Kind is the Go type of a field's value, which says which accessor it has.
type Kind uint8

// The kinds.
const (
	Int      Kind = iota + 1 // an integer, from Field.Int
	Float                    // a real number, from Field.Float
	Duration                 // a length of time in nanoseconds, from Field.Int
	Time                     // a point in time in Unix nanoseconds, from Field.Int
	Text                     // a string, from Field.Text
	Bool                     // 0 or 1, from Field.Int
)

// Unit is what a field's number counts.
type Unit uint8

// The units.
const (
	UnitID          Unit = iota + 1 // an identifier: a PID, a UID, a CPU number
	UnitCount                       // a plain count (threads, faults, calls)
	UnitBytes                       // bytes
	UnitPercent                     // a share: 100 = one core, or all memory
	UnitSeconds                     // a duration, printed in seconds
	UnitBytesPerSec                 // bytes per second over the last interval
	UnitPerSec                      // events per second over the last interval
	UnitTime                        // a wall-clock time
	UnitText                        // text, a name or a path
	UnitFlag                        // yes or no
)

var unitNames = [...]string{UnitID: "id", UnitCount: "count", UnitBytes: "bytes", UnitPercent: "percent",
	UnitSeconds: "seconds", UnitBytesPerSec: "bytes/s", UnitPerSec: "per second", UnitTime: "time",
	UnitText: "text", UnitFlag: "flag"}

func (u Unit) String() string {
	if int(u) < len(unitNames) && unitNames[u] != "" {
		return unitNames[u]
	}
	return "unit?"
}

// OS is a set of operating systems.
type OS uint8

// The operating systems pidtop reads.
const (
	Linux OS = 1 << iota
	Darwin
	FreeBSD
	Windows

	BSD  = Darwin | FreeBSD
	Unix = Linux | BSD
	All  = Unix | Windows
)

// OSOf returns the OS of a GOOS name, 0 for one pidtop does not read.
func OSOf(goos string) OS {
	switch goos {
	case "linux":
		return Linux
	case "darwin":
		return Darwin
	case "freebsd":
		return FreeBSD
	case "windows":
		return Windows
	}
	return 0
}

// here is the OS this program runs on.
var here = OSOf(runtime.GOOS)

// Env is what a few fields need beyond the record: the snapshot's time (for
// ELAPSED) and the number of CPUs (for the CPU share normalised to the machine).
type Env struct {
	Now  time.Time
	CPUs int
}

// EnvOf returns the Env of a snapshot.
func EnvOf(s *collect.Snapshot) *Env {
	return &Env{Now: s.Time, CPUs: max(len(s.System.CPUs), 1)}
}

// Field is one field: everything but its presentation on a screen.
type Field struct {
	ID      string   // snake_case; the JSON, config and command-line name, units in the name
	Htop    string   // htop's name of the column ("" when htop has none); case-insensitive
	Aliases []string // other names: older pidtop names, htop's older ones; case-insensitive
	Title   string   // column header
	Desc    string   // one line for the setup screen, --help and the README
	Kind    Kind
	Unit    Unit
	OS      OS            // where a platform reader fills it
	Needs   collect.Needs // what the collector must read for it, beyond stat
	Known   collect.Known // the record's bits that must be set for a value; 0: always
	// Descending: the natural sort order is largest first, as htop sorts CPU%.
	Descending bool
	// Fresh: another process can change the value while this one sleeps (a
	// renice, a setpgid, a shared mm), so a sort or filter on it asks the
	// collector to read every process every tick (collect.NeedFresh).
	Fresh bool
	// Optional fields are left out of a JSON object unless asked for by
	// --fields: they cost a read most scripts do not want, or repeat others.
	Optional bool

	Int   func(p *collect.Process, e *Env) int64   // Int, Duration, Time, Bool
	Float func(p *collect.Process, e *Env) float64 // Float
	Text  func(p *collect.Process, e *Env) string  // Text
	// Valid, when set, is a further condition for a value beyond Known (a
	// start time of 0 is no time).
	Valid func(p *collect.Process) bool
}

// Has reports whether p has a value for f on this OS.
func (f *Field) Has(p *collect.Process) bool {
	return f.OS&here != 0 && p.Known.Has(f.Known) && (f.Valid == nil || f.Valid(p))
}

// AvailableHere reports whether a reader on this OS can fill f.
func (f *Field) AvailableHere() bool { return f.OS&here != 0 }

// Compare orders a and b by f in ascending order, a process without a value
// before one with it. Ties are 0: callers break them.
func (f *Field) Compare(a, b *collect.Process, e *Env) int {
	ka, kb := f.Has(a), f.Has(b)
	switch {
	case !ka && !kb:
		return 0
	case !ka:
		return -1
	case !kb:
		return 1
	}
	switch f.Kind {
	case Float:
		return cmp.Compare(f.Float(a, e), f.Float(b, e))
	case Text:
		return strings.Compare(f.Text(a, e), f.Text(b, e))
	}
	return cmp.Compare(f.Int(a, e), f.Int(b, e))
}

// Order returns a total order of processes by f: its natural direction, or the
// other one with reverse; ties by ascending PID whatever the direction, so the
// order is stable from refresh to refresh. A nil e is the time of the call and
// one CPU: every field's order is the same under any Env, only not its values.
func (f *Field) Order(reverse bool, e *Env) func(a, b *collect.Process) int {
	if e == nil {
		e = &Env{Now: time.Now(), CPUs: 1}
	}
	desc := f.Descending != reverse
	return func(a, b *collect.Process) int {
		c := f.Compare(a, b, e)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.PID, b.PID)
	}
}

// SortNeeds is what a sort or filter on f asks of the collector for every
// process: its Needs, and a fresh read of every stat if it is Fresh.
func (f *Field) SortNeeds() collect.Needs {
	if f.Fresh {
		return f.Needs | collect.NeedFresh
	}
	return f.Needs
}
