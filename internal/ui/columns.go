package ui

import (
	"github.com/pidtop/pidtop/internal/config"

	"strconv"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// column is a field of the registry as the viewer draws it: the registry says
// what the value is, a column adds only how it looks (width, alignment, format,
// colour).
type column struct {
	f     *field.Field
	title string // header text
	width int    // columns on screen; 0: takes the rest of the line (last column)
	left  bool   // left-aligned (text); numbers are right-aligned
	pid   bool   // a PID: as wide as the largest PID of the snapshot
	// put writes the value of a process that has one (f.Has).
	put func(w *cellWriter, p *collect.Process, c *rowCtx)
}

// rowCtx is what a formatter needs beyond the process.
type rowCtx struct {
	pidWidth int        // digits of the largest PID
	prefix   string     // tree guide before the command, "" outside tree mode
	env      *field.Env // the snapshot's time and CPU count
	look     rowLook
}

// look is a column's presentation where the unit's default does not fit.
type look struct {
	width int
	left  bool
	pid   bool
	human bool // bytes in whole K/M/G with decimals (human), not putSize's
	put   func(w *cellWriter, p *collect.Process, c *rowCtx)
}

// looks are the presentations that differ from their unit's (see unitLook).
var looks = map[string]look{
	"pid":         {width: 5, pid: true},
	"ppid":        {width: 5, pid: true},
	"pgid":        {width: 5, pid: true},
	"sid":         {width: 5, pid: true},
	"tgid":        {width: 5, pid: true},
	"tpgid":       {width: 5, pid: true},
	"user":        {width: 9, left: true},
	"tty":         {width: 8, left: true},
	"priority":    {width: 3, put: putPriority},
	"nice":        {width: 3, put: putNice},
	"state":       {width: 1, put: putState},
	"threads":     {width: 4},
	"uid":         {width: 5},
	"command":     {width: 0, left: true, put: putCommand},
	"cmdline":     {width: 0, left: true},
	"exe":         {width: 30, left: true},
	"cgroup":      {width: 30, left: true},
	"name":        {width: 15, left: true},
	"oom_score":   {width: 4},
	"io_priority": {width: 6, left: true},
	"processor":   {width: 3},
	"read_bytes":  {width: 9, human: true},
	"write_bytes": {width: 10, human: true},
	"rchar_bytes": {width: 9, human: true},
	"wchar_bytes": {width: 9, human: true},
}

// unitLook is the presentation of a field by its unit.
func unitLook(f *field.Field) look {
	switch f.Unit {
	case field.UnitBytes:
		return look{width: 5, put: func(w *cellWriter, p *collect.Process, c *rowCtx) { w.putSize(uint64(f.Int(p, c.env))) }}
	case field.UnitPercent:
		return look{width: 4, put: func(w *cellWriter, p *collect.Process, c *rowCtx) { w.put(roleNormal, percent(f.Float(p, c.env))) }}
	case field.UnitSeconds:
		return look{width: 9, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
			w.put(roleNormal, cpuTime(time.Duration(f.Int(p, c.env))))
		}}
	case field.UnitBytesPerSec:
		return look{width: 9, put: func(w *cellWriter, p *collect.Process, c *rowCtx) { w.put(roleNormal, rate(f.Float(p, c.env))) }}
	case field.UnitPerSec:
		return look{width: 7, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
			w.put(roleNormal, strconv.FormatFloat(f.Float(p, c.env), 'f', 0, 64))
		}}
	case field.UnitTime:
		return look{width: 5, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
			w.put(roleNormal, startTime(time.Unix(0, f.Int(p, c.env)), c.env.Now))
		}}
	case field.UnitText:
		return look{width: 15, left: true, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
			w.put(roleNormal, Sanitize(f.Text(p, c.env)))
		}}
	case field.UnitFlag:
		return look{width: 4, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
			if f.Int(p, c.env) != 0 {
				w.put(roleNormal, "yes")
			}
		}}
	}
	return look{width: 8, put: func(w *cellWriter, p *collect.Process, c *rowCtx) {
		w.put(roleNormal, strconv.FormatInt(f.Int(p, c.env), 10))
	}}
}

// columns holds one column per field of the registry.
var columns = func() map[*field.Field]*column {
	m := map[*field.Field]*column{}
	for _, f := range field.AllFields() {
		m[f] = newColumn(f)
	}
	return m
}()

// columnOf returns the viewer's column for a field.
func columnOf(f *field.Field) *column { return columns[f] }

// newColumn is the presentation of f: its look, else its unit's.
func newColumn(f *field.Field) *column {
	l, ok := looks[f.ID]
	u := unitLook(f)
	if !ok {
		l = u
	}
	if l.human {
		l.put = func(w *cellWriter, p *collect.Process, c *rowCtx) { w.put(roleNormal, human(uint64(f.Int(p, c.env)))) }
	}
	if l.put == nil {
		l.put = u.put
	}
	return &column{f: f, title: f.Title, width: l.width, left: l.left, pid: l.pid, put: l.put}
}

// lookupColumn returns the column of a field ID or alias.
func lookupColumn(name string) (*column, error) {
	f, ok := field.Lookup(name)
	if !ok {
		return nil, &field.UnknownError{Name: name}
	}
	return columnOf(f), nil
}

// lookupColumns resolves field IDs or aliases (nil: htop's defaults); a column
// that takes the rest of the line (Command) is moved last.
func lookupColumns(ids []string) ([]*column, error) {
	if len(ids) == 0 {
		ids = config.Defaults().Screens[0].Columns // htop's: PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ Command
	}
	var cols []*column
	var last *column
	for _, id := range ids {
		c, err := lookupColumn(id)
		if err != nil {
			return nil, err
		}
		if c.width == 0 {
			if last != nil {
				// Two that take the rest of the line: the first gets a width.
				fixed := *last
				fixed.width = 40
				cols = append(cols, &fixed)
			}
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

func num[T int32 | int64 | uint64](n T) string { return strconv.FormatInt(int64(n), 10) }

func putPriority(w *cellWriter, p *collect.Process, c *rowCtx) {
	if p.Priority <= -100 {
		w.put(roleNormal, "RT")
		return
	}
	w.put(roleNormal, num(p.Priority))
}

func putNice(w *cellWriter, p *collect.Process, c *rowCtx) {
	r := roleNormal
	if p.Nice > 0 {
		r = roleShadow
	}
	w.put(r, num(p.Nice))
}

func putState(w *cellWriter, p *collect.Process, c *rowCtx) {
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
	if c.look.merged {
		putMerged(w, p, c)
		return
	}
	start, end := argv0Base(p)
	putCmdline(w, p.Cmdline(), start, end, c)
}

// putCell writes column c of p: the value, or the unknown placeholder, padded to
// the column's width.
func (col *column) putCell(w *cellWriter, p *collect.Process, c *rowCtx) {
	width := col.cellWidth(c.pidWidth)
	if !col.f.Has(p) {
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
