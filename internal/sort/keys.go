package sort

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/pidtop/pidtop/internal/collect"
)

// Cmp compares two processes by one column: negative when a sorts before b, zero
// when they tie, positive otherwise.
type Cmp func(a, b *collect.Process) int

// Key is one sortable column.
type Key struct {
	ID   string // lower-case column ID, as -s and the column registry name it
	Desc bool   // the natural direction is descending (largest first), as in htop
	// Known is the field's Known bit; a process without it sorts before one with it
	// (after it when descending). Zero: always known.
	Known collect.Known
	Cmp   Cmp // the comparison of two processes whose field is known
}

// The sort keys, in htop's column order first, then the optional columns.
var keys = []Key{
	{ID: "pid", Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.PID, b.PID) }},
	{ID: "user", Known: collect.KnownUser, Cmp: func(a, b *collect.Process) int { return strings.Compare(a.User(), b.User()) }},
	{ID: "pri", Known: collect.KnownPriority, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.Priority, b.Priority) }},
	{ID: "ni", Known: collect.KnownPriority, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.Nice, b.Nice) }},
	{ID: "virt", Desc: true, Known: collect.KnownVirt, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.VirtBytes, b.VirtBytes) }},
	{ID: "res", Desc: true, Known: collect.KnownRes, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.ResBytes, b.ResBytes) }},
	{ID: "shr", Desc: true, Known: collect.KnownShr, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.ShrBytes, b.ShrBytes) }},
	{ID: "s", Known: collect.KnownState, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.State, b.State) }},
	{ID: "cpu", Desc: true, Known: collect.KnownCPU, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.CPUPercent, b.CPUPercent) }},
	{ID: "mem", Desc: true, Known: collect.KnownRes, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.MemPercent, b.MemPercent) }},
	{ID: "time", Desc: true, Known: collect.KnownCPU, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.CPUTime(), b.CPUTime()) }},
	{ID: "command", Cmp: func(a, b *collect.Process) int { return strings.Compare(Command(a), Command(b)) }},
	{ID: "ppid", Known: collect.KnownPPID, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.PPID, b.PPID) }},
	{ID: "pgrp", Known: collect.KnownPGID, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.PGID, b.PGID) }},
	{ID: "sid", Known: collect.KnownPGID, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.SID, b.SID) }},
	{ID: "tgid", Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.TGID, b.TGID) }},
	{ID: "tty", Known: collect.KnownTTY, Cmp: func(a, b *collect.Process) int { return strings.Compare(a.TTY, b.TTY) }},
	{ID: "threads", Desc: true, Known: collect.KnownThreads, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.Threads, b.Threads) }},
	{ID: "processor", Known: collect.KnownProcessor, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.Processor, b.Processor) }},
	{ID: "start", Known: collect.KnownStart, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.Start, b.Start) }},
	{ID: "utime", Desc: true, Known: collect.KnownCPU, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.UserTime, b.UserTime) }},
	{ID: "stime", Desc: true, Known: collect.KnownCPU, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.SystemTime, b.SystemTime) }},
	{ID: "minflt", Desc: true, Known: collect.KnownFaults, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.MinorFaults, b.MinorFaults) }},
	{ID: "majflt", Desc: true, Known: collect.KnownFaults, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.MajorFaults, b.MajorFaults) }},
	{ID: "io_read", Desc: true, Known: collect.KnownIO, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.ReadBytes, b.ReadBytes) }},
	{ID: "io_write", Desc: true, Known: collect.KnownIO, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.WriteBytes, b.WriteBytes) }},
	{ID: "io_read_rate", Desc: true, Known: collect.KnownIO, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.ReadBytesRate, b.ReadBytesRate) }},
	{ID: "io_write_rate", Desc: true, Known: collect.KnownIO, Cmp: func(a, b *collect.Process) int { return cmp.Compare(a.WriteBytesRate, b.WriteBytesRate) }},
	{ID: "name", Cmp: func(a, b *collect.Process) int { return strings.Compare(a.Name, b.Name) }},
	{ID: "exe", Known: collect.KnownExe, Cmp: func(a, b *collect.Process) int { return strings.Compare(a.Exe(), b.Exe()) }},
	{ID: "cgroup", Known: collect.KnownCgroup, Cmp: func(a, b *collect.Process) int { return strings.Compare(a.Cgroup(), b.Cgroup()) }},
}

// Keys returns every sort key in display order. The slice is a copy.
func Keys() []Key { return append([]Key(nil), keys...) }

// Lookup returns the key with the given ID (case-insensitive).
func Lookup(id string) (Key, bool) {
	id = strings.ToLower(id)
	for _, k := range keys {
		if k.ID == id {
			return k, true
		}
	}
	return Key{}, false
}

// By returns the comparison that sorts by key in its natural direction (Key.Desc),
// or the other way when reverse is set. Ties, and processes whose field is unknown
// on both sides, are ordered by ascending PID whatever the direction, so the order
// is total and stable across refreshes. The error lists the valid keys.
func By(key string, reverse bool) (Cmp, error) {
	k, ok := Lookup(key)
	if !ok {
		return nil, fmt.Errorf("unknown sort key %q (valid: %s)", key, strings.Join(IDs(), ", "))
	}
	return k.Order(reverse), nil
}

// IDs returns the IDs of every key in display order.
func IDs() []string {
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	return ids
}

// Order is the key's total comparison: natural direction, or reversed; an unknown
// field first in ascending order; ties by ascending PID.
func (k Key) Order(reverse bool) Cmp {
	desc := k.Desc != reverse
	return func(a, b *collect.Process) int {
		c := k.compareKnown(a, b)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.PID, b.PID)
	}
}

// compareKnown orders by the field, an unknown value below every known one.
func (k Key) compareKnown(a, b *collect.Process) int {
	if k.Known != 0 {
		ka, kb := a.Known.Has(k.Known), b.Known.Has(k.Known)
		switch {
		case !ka && !kb:
			return 0
		case !ka:
			return -1
		case !kb:
			return 1
		}
	}
	return k.Cmp(a, b)
}

// Command is the text the Command column shows and the command sort uses: the
// command line, or for a process without one (kernel threads, zombies) its name.
func Command(p *collect.Process) string {
	if p.Cmdline() != "" {
		return p.Cmdline()
	}
	return p.Name
}
