package collect

import (
	"reflect"
	"slices"
	"testing"
	"time"
	"unsafe"
)

// A tick holds two slices of records (on screen, being filled): their size is
// the viewer's memory at 20,000 processes. The field order leaves no padding;
// a field added in the wrong place shows here.
func TestProcessRecordSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are for 64-bit platforms")
	}
	// 208 bytes of figures every view shows, and the Extra pointer that keeps
	// the ones few views show out of the record.
	if got := unsafe.Sizeof(Process{}); got > 216 {
		t.Errorf("Process is %d bytes, want at most 216 (padding between fields, or a figure that belongs in Extra or Info?)", got)
	}
	var x Process
	if x.X().PSSBytes != 0 || x.X().CtxtRate != 0 {
		t.Error("a record without Extra reads as non-zero")
	}
}

// A record without an Info reads as empty, not as a crash; a start time of 0
// is the zero Time.
func TestProcessAccessors(t *testing.T) {
	var p Process
	if p.User() != "" || p.Cmdline() != "" || p.Exe() != "" || p.Cgroup() != "" || p.UID() != 0 ||
		p.Argv0Len() != 0 || !p.Started().IsZero() {
		t.Errorf("zero record: %q %q %q %q %d %d %v", p.User(), p.Cmdline(), p.Exe(), p.Cgroup(), p.UID(),
			p.Argv0Len(), p.Started())
	}
	at := time.Date(2026, 11, 22, 9, 30, 1, 123456789, time.UTC)
	p.StartedNs = at.UnixNano()
	p.Info = &Info{UID: 7, Argv0Len: 4, User: "u", Cmdline: "/bin x", Exe: "/bin", Cgroup: "/c"}
	if !p.Started().Equal(at) || p.User() != "u" || p.Cmdline() != "/bin x" || p.UID() != 7 || p.Argv0Len() != 4 {
		t.Errorf("filled record: %v %+v", p.Started(), *p.Info)
	}
}

// same compares every field of Info: one added later and left out of it would
// keep a stale Info after the field changed.
func TestInfoSameSeesEveryField(t *testing.T) {
	if n := reflect.TypeFor[Info]().NumField(); n != 7 {
		t.Fatalf("Info has %d fields; compare the new ones in same, then change this count", n)
	}
	base := Info{UID: 1, Argv0Len: 2, User: "u", Cmdline: "a b", Exe: "/a", Cgroup: "/", ArgSeps: []int32{1}}
	for name, change := range map[string]func(*Info){
		"UID": func(i *Info) { i.UID++ }, "Argv0Len": func(i *Info) { i.Argv0Len++ },
		"User": func(i *Info) { i.User += "x" }, "Cmdline": func(i *Info) { i.Cmdline += "x" },
		"Exe": func(i *Info) { i.Exe += "x" }, "Cgroup": func(i *Info) { i.Cgroup += "x" },
		"ArgSeps": func(i *Info) { i.ArgSeps = nil },
	} {
		other := base
		other.ArgSeps = slices.Clone(base.ArgSeps)
		if !base.same(&other) {
			t.Fatalf("a copy is not the same")
		}
		change(&other)
		if base.same(&other) {
			t.Errorf("a changed %s is the same", name)
		}
	}
}

// Argv cuts the command line at the separators only, never at a space inside
// an argument, and survives offsets that do not fit the line.
func TestArgv(t *testing.T) {
	if !argvKept {
		t.Skip("this platform keeps no argv")
	}
	for _, c := range []struct {
		info *Info
		want []string
	}{
		{nil, []string{}},
		{&Info{Cmdline: "sh -c echo a b", ArgSeps: []int32{2, 5}}, []string{"sh", "-c", "echo a b"}},
		{&Info{Cmdline: "nginx: worker"}, []string{"nginx: worker"}},
		{&Info{Cmdline: "a  b", ArgSeps: []int32{1, 2}}, []string{"a", "", "b"}},
		{&Info{Cmdline: "ab", ArgSeps: []int32{7}}, []string{"ab"}},
	} {
		p := Process{Info: c.info}
		if got, ok := p.Argv(); !ok || !slices.Equal(got, c.want) {
			t.Errorf("%+v: argv %q, %v; want %q", c.info, got, ok, c.want)
		}
	}
}
