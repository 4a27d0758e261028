package sysctl

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// image is a byte image of a kernel record under construction; the setters write
// little-endian values at byte offsets, as a 64-bit little-endian kernel would.
type image []byte

func (b image) i32(off int, v int32) image {
	binary.LittleEndian.PutUint32(b[off:], uint32(v))
	return b
}
func (b image) u32(off int, v uint32) image { binary.LittleEndian.PutUint32(b[off:], v); return b }
func (b image) i64(off int, v int64) image {
	binary.LittleEndian.PutUint64(b[off:], uint64(v))
	return b
}
func (b image) u64(off int, v uint64) image { binary.LittleEndian.PutUint64(b[off:], v); return b }
func (b image) u8(off int, v byte) image    { b[off] = v; return b }
func (b image) str(off int, s string) image { copy(b[off:], s); return b }

// want builds an expected record with its unexported name arrays filled.
func want(k KinfoProc, comm, tdname string) KinfoProc {
	k.commLen = uint8(copy(k.comm[:], comm))
	k.tdLen = uint8(copy(k.tdname[:], tdname))
	return k
}

// diff lists the fields of got that differ from w, one per line.
func diff(got, w KinfoProc) string {
	var s string
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(w)
	for i := 0; i < gv.NumField(); i++ {
		f := gv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		if g, x := gv.Field(i).Interface(), wv.Field(i).Interface(); g != x {
			s += fmt.Sprintf("\n  %s = %v, want %v", f.Name, g, x)
		}
	}
	if g, x := string(got.Comm()), string(w.Comm()); g != x {
		s += fmt.Sprintf("\n  Comm = %q, want %q", g, x)
	}
	if g, x := string(got.ThreadName()), string(w.ThreadName()); g != x {
		s += fmt.Sprintf("\n  ThreadName = %q, want %q", g, x)
	}
	return s
}

// decodeCase is one record image and what decoding it must give: the base
// record changed by want, or the error err.
type decodeCase struct {
	name string
	b    image
	want func(k *KinfoProc)
	err  error
}

// runDecodeCases decodes each case and compares the result field by field.
func runDecodeCases(t *testing.T, decode func([]byte, *KinfoProc) error, base func() KinfoProc, cases []decodeCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got KinfoProc
			err := decode(c.b, &got)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if c.err != nil {
				return
			}
			w := base()
			c.want(&w)
			if d := diff(got, w); d != "" {
				t.Errorf("fields differ:%s", d)
			}
		})
	}
}

// fbsdRecord is a plausible FreeBSD record of an sshd; cases overwrite fields.
func fbsdRecord() image {
	b := make(image, FreeBSDKinfoProcSize).
		i32(fbsdStructSize, FreeBSDKinfoProcSize).
		i32(fbsdPID, 812).i32(fbsdPPID, 1).i32(fbsdPGID, 812).i32(fbsdSID, 812).i32(fbsdTID, 100123).
		u32(fbsdEUID, 0).u32(fbsdRUID, 0).
		u64(fbsdSize, 20<<20).i64(fbsdRSSize, 1500).u32(fbsdSlpTime, 3).
		i64(fbsdStartSec, 1_700_000_000).i64(fbsdStartSec+8, 123_456).
		i64(fbsdFlag, 0x2).u8(fbsdStat, SSLEEP).u8(fbsdNice, 0).
		str(fbsdTDName, "sshd").str(fbsdComm, "sshd").
		u64(fbsdTDev, NoDev).i32(fbsdLastCPU, 1).i32(fbsdNumThreads, 1).u8(fbsdPriLevel, 120).
		i64(fbsdUTime, 1).i64(fbsdUTime+8, 500_000).i64(fbsdSTime, 0).i64(fbsdSTime+8, 250_000).
		i64(fbsdMinFlt, 4321).i64(fbsdMajFlt, 12).i64(fbsdNVCsw, 700).i64(fbsdNIVCsw, 42).i64(fbsdTDFlags, tdfSintr)
	return b
}

func fbsdWant() KinfoProc {
	return want(KinfoProc{
		PID: 812, PPID: 1, PGID: 812, SID: 812, TID: 100123, Stat: SSLEEP, Priority: 120, TDev: NoDev,
		StartSec: 1_700_000_000, StartUsec: 123_456, VSize: 20 << 20, RSSPages: 1500,
		UTimeUsec: 1_500_000, STimeUsec: 250_000, MinFlt: 4321, MajFlt: 12, CtxtSw: 742, Threads: 1, LastCPU: 1,
		SlpTime: 3, TDFlags: tdfSintr, TPGID: -1,
	}, "sshd", "sshd")
}

func TestDecodeFreeBSDProc(t *testing.T) {
	cases := []decodeCase{
		{"sshd", fbsdRecord(), func(*KinfoProc) {}, nil},
		{"kernel process, zero ppid", fbsdRecord().i32(fbsdPID, 0).i32(fbsdPPID, 0).i64(fbsdFlag, 0x204).
			str(fbsdComm, "kernel\x00\x00").str(fbsdTDName, "swapper\x00").i32(fbsdNumThreads, 250).u8(fbsdStat, SRUN),
			func(k *KinfoProc) {
				k.PID, k.PPID, k.Kernel, k.Threads, k.Stat = 0, 0, true, 250, SRUN
				*k = want(*k, "kernel", "swapper")
			}, nil},
		{"zombie with tty", fbsdRecord().u8(fbsdStat, SZOMB).u64(fbsdTDev, 0x5c).u8(fbsdNice, 0xec),
			func(k *KinfoProc) { k.Stat, k.TDev, k.Nice = SZOMB, 0x5c, -20 }, nil},
		{"shell on a tty, its children waited for", fbsdRecord().u64(fbsdTDev, 0x5c).i32(fbsdTPGID, 900).
			i64(fbsdChUTime, 2).i64(fbsdChUTime+8, 5).i64(fbsdChSTime+8, 7).i64(fbsdChMinFlt, 99).i64(fbsdChMajFlt, 3),
			func(k *KinfoProc) {
				k.TDev, k.TPGID, k.ChildUTimeUsec, k.ChildSTimeUsec, k.ChildMinFlt, k.ChildMajFlt = 0x5c, 900, 2_000_005, 7, 99, 3
			}, nil},
		{"tty without a foreground group (NO_PID)", fbsdRecord().u64(fbsdTDev, 0x5c).i32(fbsdTPGID, 100000),
			func(k *KinfoProc) { k.TDev = 0x5c }, nil},
		{"tpgid without a tty", fbsdRecord().i32(fbsdTPGID, 900), func(*KinfoProc) {}, nil},
		{"comm without NUL, long thread name", fbsdRecord().str(fbsdComm, "abcdefghijklmnopqrst").
			str(fbsdTDName, "0123456789abcdef\x00").str(fbsdMoreTDName, "XYZ\x00"),
			func(k *KinfoProc) { *k = want(*k, "abcdefghijklmnopqrst", "0123456789abcdefXYZ") }, nil},
		{"thread name without NUL, continuation without NUL", fbsdRecord().
			str(fbsdTDName, "0123456789abcdefg").str(fbsdMoreTDName, "WXYZ"),
			func(k *KinfoProc) { *k = want(*k, "sshd", "0123456789abcdefg") }, nil},
		{"negative times", fbsdRecord().i64(fbsdStartSec, -5).i64(fbsdUTime, -1).i64(fbsdSTime+8, -1),
			func(k *KinfoProc) { k.StartSec, k.UTimeUsec, k.STimeUsec = -5, 0, 0 }, nil},
		{"32-bit layout", fbsdRecord().i32(fbsdStructSize, 768), nil, ErrLayout},
		{"short", fbsdRecord()[:FreeBSDKinfoProcSize-1], nil, ErrMalformed},
	}
	runDecodeCases(t, DecodeFreeBSDProc, fbsdWant, cases)
}

func TestDecodeFreeBSDProcs(t *testing.T) {
	two := append(fbsdRecord(), fbsdRecord().i32(fbsdPID, 813).u8(fbsdStat, SZOMB)...)
	got, err := DecodeFreeBSDProcs(two, make([]KinfoProc, 5))
	if err != nil || len(got) != 2 || got[0].PID != 812 || got[1].PID != 813 || got[1].Stat != SZOMB {
		t.Fatalf("two records: %d records, err %v: %+v", len(got), err, got)
	}
	got, err = DecodeFreeBSDProcs(append(two, 1, 2, 3), got)
	if !errors.Is(err, ErrMalformed) || len(got) != 2 {
		t.Errorf("trailing bytes: %d records, err %v", len(got), err)
	}
	got, err = DecodeFreeBSDProcs(nil, got)
	if err != nil || len(got) != 0 {
		t.Errorf("empty: %d records, err %v", len(got), err)
	}
}

// macRecord is a plausible macOS record of launchd; cases overwrite fields.
func macRecord() image {
	return make(image, DarwinKinfoProcSize).
		i64(macStartSec, 1_700_000_000).i32(macStartUsec, 654_321).i32(macFlag, 0x4004).
		u8(macStat, SRUN).i32(macPID, 1).u8(macPriority, 31).u8(macNice, 0).str(macComm, "launchd").
		u32(macRUID, 0).u32(macEUID, 0).i32(macPPID, 0).i32(macPGID, 1).i32(macTDev, -1)
}

func macWant() KinfoProc {
	return want(KinfoProc{
		PID: 1, PGID: 1, Stat: SRUN, Priority: 31, TDev: NoDev, StartSec: 1_700_000_000, StartUsec: 654_321,
		TPGID: -1,
	}, "launchd", "")
}

func TestDecodeDarwinProc(t *testing.T) {
	cases := []decodeCase{
		{"launchd, zero ppid", macRecord(), func(*KinfoProc) {}, nil},
		{"kernel_task", macRecord().i32(macPID, 0).i32(macFlag, 0x200).str(macComm, "kernel_task"),
			func(k *KinfoProc) { k.PID, k.Kernel = 0, true; *k = want(*k, "kernel_task", "") }, nil},
		{"zombie of a user, on a tty", macRecord().i32(macPID, 4242).i32(macPPID, 4000).i32(macPGID, 4000).
			u8(macStat, SZOMB).u32(macRUID, 501).u32(macEUID, 0).i32(macTDev, 0x10000003).u8(macNice, 0xf6).
			i32(macTPGID, 4100),
			func(k *KinfoProc) {
				k.PID, k.PPID, k.PGID, k.Stat, k.RUID, k.TDev, k.Nice = 4242, 4000, 4000, SZOMB, 501, 0x10000003, -10
				k.TPGID = 4100
			}, nil},
		{"comm filling its array", macRecord().str(macComm, "ABCDEFGHIJKLMNOPQ").u8(macComm+macCommLen, 'X'),
			func(k *KinfoProc) { *k = want(*k, "ABCDEFGHIJKLMNOPQ", "") }, nil},
		{"control bytes in comm", macRecord().str(macComm, "a\x1b[2Jb\xff\x00"),
			func(k *KinfoProc) { *k = want(*k, "a\x1b[2Jb\xff", "") }, nil},
		{"short", macRecord()[:100], nil, ErrMalformed},
	}
	runDecodeCases(t, DecodeDarwinProc, macWant, cases)
}

func TestDecodeDarwinProcs(t *testing.T) {
	b := append(macRecord(), macRecord().i32(macPID, 77)...)
	got, err := DecodeDarwinProcs(append(b, 0, 0), nil)
	if !errors.Is(err, ErrMalformed) || len(got) != 2 || got[1].PID != 77 {
		t.Errorf("two records and 2 stray bytes: %d records, err %v", len(got), err)
	}
	if got[0].StartMicros() != 1_700_000_000_654_321 {
		t.Errorf("StartMicros = %d", got[0].StartMicros())
	}
}

func TestStates(t *testing.T) {
	cases := []struct {
		stat    uint8
		tdflags int64
		slp     uint32
		running int32
		fbsd    byte
		mac     byte
	}{
		{SRUN, 0, 0, 2, 'R', 'R'},
		{SRUN, 0, 0, 0, 'R', 'S'},
		{SRUN, 0, 0, -1, 'R', '?'},
		{SIDL, 0, 0, -1, 'R', 'R'},
		{SSLEEP, tdfSintr, 5, -1, 'S', 'S'},
		{SSLEEP, tdfSintr, 25, -1, 'I', 'S'},
		{SSLEEP, 0, 0, -1, 'D', 'S'},
		{SSTOP, 0, 0, -1, 'T', 'T'},
		{SZOMB, 0, 0, -1, 'Z', 'Z'},
		{SWAIT, 0, 0, -1, 'W', '?'},
		{SLOCK, 0, 0, -1, 'L', '?'},
		{0, 0, 0, -1, '?', '?'},
		{99, 0, 0, 3, '?', '?'},
	}
	for _, c := range cases {
		k := KinfoProc{Stat: c.stat, TDFlags: c.tdflags, SlpTime: c.slp}
		if got := k.FreeBSDState(); got != c.fbsd {
			t.Errorf("FreeBSD stat %d tdflags %#x slptime %d: %c, want %c", c.stat, c.tdflags, c.slp, got, c.fbsd)
		}
		if got := k.DarwinState(c.running); got != c.mac {
			t.Errorf("macOS stat %d running %d: %c, want %c", c.stat, c.running, got, c.mac)
		}
	}
}

func FuzzDecodeProcs(f *testing.F) {
	f.Add([]byte(fbsdRecord()))
	f.Add([]byte(macRecord()))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var k KinfoProc
		if DecodeFreeBSDProc(b, &k) == nil && (len(k.Comm()) > CommMax || len(k.ThreadName()) > TDNameMax) {
			t.Fatalf("FreeBSD names too long: %q %q", k.Comm(), k.ThreadName())
		}
		if DecodeDarwinProc(b, &k) == nil && len(k.Comm()) > macCommLen {
			t.Fatalf("macOS comm too long: %q", k.Comm())
		}
		recs, _ := DecodeFreeBSDProcs(b, nil)
		if len(recs) > len(b)/FreeBSDKinfoProcSize {
			t.Fatalf("%d FreeBSD records from %d bytes", len(recs), len(b))
		}
		recs, _ = DecodeDarwinProcs(b, nil)
		if len(recs) != len(b)/DarwinKinfoProcSize {
			t.Fatalf("%d macOS records from %d bytes", len(recs), len(b))
		}
	})
}
