package collect

import (
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
