package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	psort "github.com/pidtop/pidtop/internal/sort"
)

// column is one entry of the column registry: everything the viewer, the sort
// and the collector need to know about a column, in one place.
type column struct {
	key   psort.Key     // ID, comparator, default direction, Known bit
	title string        // header text
	width int           // columns on screen; 0: takes the rest of the line (last column)
	left  bool          // left-aligned (text); numbers are right-aligned
	pid   bool          // a PID: as wide as the largest PID of the snapshot
	needs collect.Needs // what the collector must read to fill it
	// fresh: another process can change the field while this one sleeps (a
	// renice, a setpgid, a shared mm), so a sort by it reads every process's
	// stat every tick (collect.NeedFresh). The rows on screen are read anyway.
	fresh bool
	// put writes the value of a process whose Known bit is set.
	put func(w *cellWriter, p *collect.Process, c *rowCtx)
}

// rowCtx is what a formatter needs beyond the process.
type rowCtx struct {
	pidWidth int       // digits of the largest PID
	prefix   string    // tree guide before the command, "" outside tree mode
	now      time.Time // for START
}

// defaultColumns are htop's: PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ Command.
var defaultColumns = []string{"pid", "user", "pri", "ni", "virt", "res", "shr", "s", "cpu", "mem", "time", "command"}

func num[T int32 | int64 | uint64](n T) string { return strconv.FormatInt(int64(n), 10) }

func numCol(f func(p *collect.Process) string) func(*cellWriter, *collect.Process, *rowCtx) {
	return func(w *cellWriter, p *collect.Process, c *rowCtx) { w.put(roleNormal, f(p)) }
}

func sizeCol(f func(p *collect.Process) uint64) func(*cellWriter, *collect.Process, *rowCtx) {
	return func(w *cellWriter, p *collect.Process, c *rowCtx) { w.putSize(f(p)) }
}

func textCol(f func(p *collect.Process) string) func(*cellWriter, *collect.Process, *rowCtx) {
	return func(w *cellWriter, p *collect.Process, c *rowCtx) { w.put(roleNormal, Sanitize(f(p))) }
}

// registry lists every column, keyed by the sort key ID (which -s also uses).
var registry = map[string]*column{
	"pid": {title: "PID", width: 5, pid: true, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
		w.put(roleNormal, num(p.PID))
	}},
	"user": {title: "USER", width: 9, left: true, put: textCol(func(p *collect.Process) string { return p.User() })},
	"pri": {title: "PRI", width: 3, fresh: true, put: numCol(func(p *collect.Process) string {
		if p.Priority <= -100 {
			return "RT"
		}
		return num(p.Priority)
	})},
	"ni": {title: "NI", width: 3, fresh: true, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
		r := roleNormal
		if p.Nice > 0 {
			r = roleShadow
		}
		w.put(r, num(p.Nice))
	}},
	"virt": {title: "VIRT", width: 5, fresh: true, put: sizeCol(func(p *collect.Process) uint64 { return p.VirtBytes })},
	"res": {title: "RES", width: 5, needs: collect.NeedShr,
		put: sizeCol(func(p *collect.Process) uint64 { return p.ResBytes })},
	"shr": {title: "SHR", width: 5, needs: collect.NeedShr,
		put: sizeCol(func(p *collect.Process) uint64 { return p.ShrBytes })},
	"s": {title: "S", width: 1, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
		r := roleNormal
		switch p.State {
		case 'R':
			r = roleRun
		case 'D':
			r = roleDisk
		case 'I', 'Z', 'X':
			r = roleShadow
		}
		w.put(r, Sanitize(string(rune(p.State))))
	}},
	"cpu": {title: "CPU%", width: 4, put: numCol(func(p *collect.Process) string { return percent(p.CPUPercent) })},
	"mem": {title: "MEM%", width: 4, needs: collect.NeedShr,
		put: numCol(func(p *collect.Process) string { return percent(p.MemPercent) })},
	"time":    {title: "TIME+", width: 9, put: numCol(func(p *collect.Process) string { return cpuTime(p.CPUTime()) })},
	"command": {title: "Command", left: true, needs: collect.NeedCmdline, put: putCommand},

	"ppid":    {title: "PPID", width: 5, fresh: true, pid: true, put: numCol(func(p *collect.Process) string { return num(p.PPID) })},
	"pgrp":    {title: "PGRP", width: 5, fresh: true, pid: true, put: numCol(func(p *collect.Process) string { return num(p.PGID) })},
	"sid":     {title: "SID", width: 5, fresh: true, pid: true, put: numCol(func(p *collect.Process) string { return num(p.SID) })},
	"tgid":    {title: "TGID", width: 5, pid: true, put: numCol(func(p *collect.Process) string { return num(p.TGID) })},
	"tty":     {title: "TTY", width: 8, fresh: true, left: true, put: textCol(func(p *collect.Process) string { return p.TTY })},
	"threads": {title: "NLWP", width: 4, put: numCol(func(p *collect.Process) string { return num(p.Threads) })},
	"processor": {title: "CPU", width: 3,
		put: numCol(func(p *collect.Process) string { return num(p.Processor) })},
	"start": {title: "START", width: 5, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
		w.put(roleNormal, startTime(p.Started(), c.now))
	}},
	"utime":  {title: "UTIME+", width: 9, put: numCol(func(p *collect.Process) string { return cpuTime(p.UserTime) })},
	"stime":  {title: "STIME+", width: 9, put: numCol(func(p *collect.Process) string { return cpuTime(p.SystemTime) })},
	"minflt": {title: "MINFLT", width: 8, put: numCol(func(p *collect.Process) string { return num(p.MinorFaults) })},
	"majflt": {title: "MAJFLT", width: 8, put: numCol(func(p *collect.Process) string { return num(p.MajorFaults) })},
	"io_read": {title: "DISK READ", width: 9, needs: collect.NeedIO,
		put: numCol(func(p *collect.Process) string { return human(p.ReadBytes) })},
	"io_write": {title: "DISK WRITE", width: 10, needs: collect.NeedIO,
		put: numCol(func(p *collect.Process) string { return human(p.WriteBytes) })},
	"io_read_rate": {title: "DISK R/s", width: 9, needs: collect.NeedIO,
		put: numCol(func(p *collect.Process) string { return rate(p.ReadBytesRate) })},
	"io_write_rate": {title: "DISK W/s", width: 9, needs: collect.NeedIO,
		put: numCol(func(p *collect.Process) string { return rate(p.WriteBytesRate) })},
	"name":   {title: "COMM", width: 15, left: true, put: textCol(func(p *collect.Process) string { return p.Name })},
	"exe":    {title: "EXE", width: 30, left: true, needs: collect.NeedExe, put: textCol(func(p *collect.Process) string { return p.Exe() })},
	"cgroup": {title: "CGROUP", width: 30, left: true, needs: collect.NeedCgroup, put: textCol(func(p *collect.Process) string { return p.Cgroup() })},
}

func init() {
	for _, k := range psort.Keys() {
		c, ok := registry[k.ID]
		if !ok {
			panic("ui: no column for sort key " + k.ID)
		}
		c.key = k
	}
	for id, c := range registry {
		if c.key.ID != id {
			panic("ui: column " + id + " has no sort key")
		}
	}
}

// lookupColumns resolves column IDs (nil: htop's defaults); Command, which takes
// the rest of the line, is moved last.
func lookupColumns(ids []string) ([]*column, error) {
	if len(ids) == 0 {
		ids = defaultColumns
	}
	var cols []*column
	var last *column
	for _, id := range ids {
		c, ok := registry[strings.ToLower(id)]
		if !ok {
			return nil, fmt.Errorf("unknown column %q (valid: %s)", id, strings.Join(psort.IDs(), ", "))
		}
		if c.width == 0 {
			last = c
			continue
		}
		cols = append(cols, c)
	}
	if last != nil {
		cols = append(cols, last)
	}
	return cols, nil
}

// putCommand writes the tree guide, then the command line with the program's
// basename highlighted; kernel threads show their name in their own colour,
// userland threads their command line in theirs.
func putCommand(w *cellWriter, p *collect.Process, c *rowCtx) {
	w.put(roleTree, c.prefix)
	switch {
	case p.Flags&collect.FlagKernelThread != 0 || p.Cmdline() == "":
		r := roleNormal
		if p.Flags&collect.FlagKernelThread != 0 {
			r = roleKThread
		}
		w.put(r, Sanitize(p.Name))
		return
	case p.Flags&collect.FlagThread != 0:
		w.put(roleThread, Sanitize(p.Cmdline()))
		return
	}
	cmd := p.Cmdline()
	end := int(p.Argv0Len())
	if end <= 0 || end > len(cmd) {
		end = strings.IndexByte(cmd, ' ')
		if end < 0 {
			end = len(cmd)
		}
	}
	start := strings.LastIndexByte(cmd[:end], '/') + 1
	w.put(roleNormal, Sanitize(cmd[:start]))
	w.put(roleBasename, Sanitize(cmd[start:end]))
	w.put(roleNormal, Sanitize(cmd[end:]))
}

// putCell writes column c of p: the value, or the unknown placeholder, padded to
// the column's width.
func (col *column) putCell(w *cellWriter, p *collect.Process, c *rowCtx) {
	width := col.cellWidth(c.pidWidth)
	if col.key.Known != 0 && !p.Known.Has(col.key.Known) {
		w.putUnknown(width)
		return
	}
	if col.left || width == 0 {
		col.put(w, p, c)
		w.pad(width)
		return
	}
	at, wide := len(w.b), w.width
	col.put(w, p, c)
	w.padFrom(at, w.width-wide, width)
}

// cellWidth is the column's width on screen: wide enough for its values and for
// its title followed by the sort direction marker.
func (col *column) cellWidth(pidWidth int) int {
	w := col.width
	if col.pid {
		w = max(w, pidWidth)
	}
	if w == 0 {
		return 0
	}
	return max(w, textWidth(col.title)+1)
}
