package field

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// fixture returns a record with every field known and, for n = 1, 2, ... every
// value larger than for n - 1: numbers grow, texts sort later, flags turn on.
func fixture(n int) *collect.Process {
	i := int32(n)
	u := uint64(n)
	d := time.Duration(n) * time.Second
	p := &collect.Process{
		ID:   collect.ID{PID: 100 + i, Start: 1000 + u},
		PPID: 10 + i, PGID: 20 + i, SID: 30 + i, TGID: 100 + i,
		Priority: 20 + i, Nice: i, Threads: 1 + i, Processor: i,
		Known: 1<<32 - 1, State: collect.State('R' + byte(n)),
		Info: &collect.Info{UID: 1000 + uint32(n), User: "user" + string(rune('a'+n)), Argv0Len: 4,
			Cmdline: "/bin/cmd" + string(rune('a'+n)), Exe: "/bin/exe" + string(rune('a'+n)),
			Cgroup: "/cg" + string(rune('a'+n))},
		TTY: "pts/" + string(rune('0'+n)), StartedNs: time.Unix(1_700_000_000, 0).Add(-d).UnixNano(),
		UserTime: d, SystemTime: 2 * d, CPUPercent: float64(n), VirtBytes: 1 << 20 * u,
		ResBytes: 1 << 16 * u, ShrBytes: 1 << 12 * u, MemPercent: float64(n) / 10,
		MinorFaults: 10 * u, MajorFaults: u, ReadBytes: 100 * u, WriteBytes: 200 * u,
		ReadBytesRate: 10 * float64(n), WriteBytesRate: 20 * float64(n),
		Name: "name" + string(rune('a'+n)),
		Extra: &collect.Extra{TPGID: 40 + i, OOMScore: 100 * i, IOPrio: 2<<13 | i,
			ChildUserTime: 3 * d, ChildSystemTime: 4 * d, ChildMinorFaults: 5 * u, ChildMajorFaults: 6 * u,
			ReadChars: 7 * u, WriteChars: 8 * u, ReadSyscalls: 9 * u, WriteSyscalls: 11 * u,
			CtxtSwitches: 12 * u, CtxtRate: 13 * float64(n), PSSBytes: 14 * u, SwapBytes: 15 * u, USSBytes: 16 * u},
	}
	if n > 1 {
		p.Flags = collect.FlagKernelThread | collect.FlagThread | collect.FlagNew
	}
	return p
}

var env = &Env{Now: time.Unix(1_700_000_000, 0), CPUs: 2}

// Every field is complete: a snake_case ID, a title, a description, a unit, a
// kind whose accessor is the one set, an OS; its names collide with no other.
func TestRegistryIsComplete(t *testing.T) {
	id := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	names := map[string]string{}
	for _, f := range AllFields() {
		if !id.MatchString(f.ID) {
			t.Errorf("%q: not a snake_case ID", f.ID)
		}
		if f.Title == "" || f.Desc == "" || f.OS == 0 || f.Unit == 0 || f.Unit.String() == "unit?" {
			t.Errorf("%s: title %q, desc %q, OS %b, unit %v", f.ID, f.Title, f.Desc, f.OS, f.Unit)
		}
		ints := f.Kind == Int || f.Kind == Duration || f.Kind == Time || f.Kind == Bool
		if (f.Int != nil) != ints || (f.Float != nil) != (f.Kind == Float) || (f.Text != nil) != (f.Kind == Text) {
			t.Errorf("%s: kind %d with accessors int %v float %v text %v", f.ID, f.Kind,
				f.Int != nil, f.Float != nil, f.Text != nil)
		}
		for _, n := range f.Names() {
			if other, ok := names[strings.ToLower(n)]; ok {
				t.Errorf("name %q of %s is also %s's", n, f.ID, other)
			}
			names[strings.ToLower(n)] = f.ID
			if g, ok := Lookup(strings.ToUpper(n)); !ok || g != f {
				t.Errorf("Lookup(%q) = %v, %v", strings.ToUpper(n), g, ok)
			}
		}
		// A figure that lives in Extra is read only when asked: its field must ask.
		extraKnown := collect.KnownStatExtra | collect.KnownTPGID | collect.KnownIOChars | collect.KnownCtxt |
			collect.KnownSmaps | collect.KnownOOM | collect.KnownIOPrio
		if f.Known&extraKnown != 0 && f.Needs&collect.NeedExtra == 0 {
			t.Errorf("%s: an Extra figure with no Extra need", f.ID)
		}
	}
}

// The columns the issue and htop users ask for are there under htop's names.
func TestHtopNames(t *testing.T) {
	for _, n := range strings.Fields(`PID USER PRIORITY NICE M_VIRT M_RESIDENT M_SHARE STATE PERCENT_CPU
		PERCENT_MEM TIME Command PPID PGRP SESSION TTY TPGID TGID NLWP PROCESSOR STARTTIME ELAPSED UTIME
		STIME CUTIME CSTIME MINFLT MAJFLT CMINFLT CMAJFLT RBYTES WBYTES RCHAR WCHAR SYSCR SYSCW
		IO_READ_RATE IO_WRITE_RATE IO_RATE CTXT M_PSS M_SWAP M_USS OOM IO_PRIORITY PERCENT_NORM_CPU UID
		COMM EXE CGROUP`) {
		if _, ok := Lookup(n); !ok {
			t.Errorf("no field named %s", n)
		}
	}
}

// Every field reads its own figure of the record: of two records whose every
// figure differs, it orders them, both ways; a record without the field's Known
// bits has no value and sorts first ascending.
func TestEveryFieldReadsAndSorts(t *testing.T) {
	a, b := fixture(1), fixture(2)
	none := fixture(3)
	none.Known = 0
	for _, f := range AllFields() {
		if f.OS&here == 0 {
			if f.Has(a) {
				t.Errorf("%s: has a value on an OS it does not declare", f.ID)
			}
			continue
		}
		if !f.Has(a) || !f.Has(b) {
			t.Errorf("%s: no value in a record with every Known bit", f.ID)
			continue
		}
		want := -1
		if f.ID == "start_time" {
			want = 1 // fixture(n) started n seconds before env.Now
		}
		c := f.Compare(a, b, env)
		if c != want || f.Compare(b, a, env) != -want || f.Compare(a, a, env) != 0 {
			t.Errorf("%s: Compare(1, 2) = %d, want %d: the accessor does not read a figure of its own", f.ID, c, want)
		}
		if f.Known != 0 && f.Has(none) {
			t.Errorf("%s: a value in a record with no Known bits", f.ID)
		}
		if f.Known != 0 && f.Compare(none, a, env) >= 0 {
			t.Errorf("%s: an unknown value does not sort first", f.ID)
		}
		asc, desc := f.Order(false, env)(a, b), f.Order(true, env)(a, b)
		if asc == 0 || asc != -desc {
			t.Errorf("%s: Order both ways: %d %d", f.ID, asc, desc)
		}
	}
}

func TestDerivedValues(t *testing.T) {
	p := fixture(1)
	get := func(id string) *Field { f, _ := Lookup(id); return f }
	if v := time.Duration(get("elapsed_s").Int(p, env)); v != time.Second {
		t.Errorf("elapsed %v, want 1s", v)
	}
	if v := get("cpu_norm_percent").Float(p, env); v != 0.5 {
		t.Errorf("normalised CPU %v, want 0.5 on two CPUs", v)
	}
	if v := get("io_bytes_per_s").Float(p, env); v != 30 {
		t.Errorf("io rate %v, want 30", v)
	}
	if v := get("io_priority").Text(p, env); v != "be/1" {
		t.Errorf("io priority %q", v)
	}
	p.Extra = &collect.Extra{IOPrio: 0}
	p.Nice = 19
	if v := get("io_priority").Text(p, env); v != "none/7" {
		t.Errorf("io priority from nice 19: %q", v)
	}
	if v := get("command").Text(&collect.Process{Name: "kworker"}, env); v != "kworker" {
		t.Errorf("command of a process without a command line: %q", v)
	}
}

func TestParse(t *testing.T) {
	fs, err := Parse("pid, PPID,ELAPSED,M_PSS,oom,pid")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(IDs(fs), ","); got != "pid,ppid,elapsed_s,pss_bytes,oom_score" {
		t.Errorf("Parse: %s", got)
	}
	for _, bad := range []string{"pid,nosuch", "", " , "} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
	if n := Needs(fs); n&collect.NeedSmaps == 0 || n&collect.NeedOOM == 0 || n&collect.NeedIO != 0 {
		t.Errorf("needs %b", n)
	}
}
