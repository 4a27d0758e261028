package winproc

import (
	"errors"
	"reflect"
	"testing"
)

const fakeBase = 0x7ff6_1234_0000

// sample is three processes as Windows lists them: the idle process (no name),
// System, and a program with a non-ASCII name, its threads in mixed states.
func sample() []fakeProc {
	idle := Process{PID: 0, BasePriority: 0, Threads: 2, KernelTime: 9_000_000}
	system := Process{
		PID: 4, PPID: 0, CreateTime: 133485408000000000, KernelTime: 12345, Threads: 1,
		Handles: 3000, BasePriority: 8, WorkingSet: 143360, VirtualSize: 3 << 20,
	}
	app := Process{
		PID: 7420, PPID: 4, CreateTime: 133485408123456789, UserTime: 31_250_000,
		KernelTime: 4_687_500, BasePriority: 6, Threads: 3, Handles: 211, Session: 1,
		VirtualSize: 0x2_0000_0000 + 4096, PeakVirtualSize: 0x2_0000_0000 + 8192,
		WorkingSet: 25 << 20, PeakWorkingSet: 30 << 20, PrivateWorkingSet: 9 << 20,
		PagefileUsage: 12 << 20, PrivateBytes: 13 << 20, PageFaults: 70000, HardFaults: 12,
		ReadOps: 10, WriteOps: 20, OtherOps: 30, ReadBytes: 1 << 33, WriteBytes: 5000, OtherBytes: 6000,
	}
	th := func(tid uint32, pid uint32, s ThreadState, r WaitReason) Thread {
		return Thread{
			TID: tid, PID: pid, CreateTime: 133485408123456789 + uint64(tid), UserTime: uint64(tid) * 10,
			KernelTime: uint64(tid) * 3, WaitTime: 77, StartAddress: 0x7ffa_0000_1000, Priority: 9,
			BasePriority: 8, ContextSwitches: 4242, State: s, WaitReason: r,
		}
	}
	return []fakeProc{
		{p: idle, threads: []Thread{th(0, 0, ThreadRunning, 0), th(0, 0, ThreadRunning, 0)}},
		{p: system, name: utf16le("System"), threads: []Thread{th(8, 4, ThreadWaiting, 6)}},
		{p: app, name: utf16le("pïd𝄞top.exe"), threads: []Thread{
			th(7424, 7420, ThreadWaiting, WaitSuspended),
			th(7428, 7420, ThreadReady, 0),
			th(7432, 7420, ThreadTerminated, 0),
		}},
	}
}

func TestDecodeBothLayouts(t *testing.T) {
	for _, a := range []Arch{Arch64, Arch32} {
		for _, threads := range []bool{false, true} {
			base := uint64(fakeBase)
			if a == Arch32 {
				base = 0x0040_0000
			}
			fps := sample()
			var tab Table
			if err := Decode(buildSPI(a, base, fps), base, a, threads, &tab); err != nil {
				t.Fatalf("arch %d: %v", a, err)
			}
			if len(tab.Procs) != len(fps) {
				t.Fatalf("arch %d: %d procs, want %d", a, len(tab.Procs), len(fps))
			}
			wantThreads := 0
			for i, fp := range fps {
				got := tab.Procs[i]
				got.name = nil // compared below, as a string
				want := fp.p
				want.firstThread, want.nThreads = got.firstThread, got.nThreads
				want.State, want.Runnable = got.State, got.Runnable
				if a == Arch32 { // SIZE_T fields are 32 bits wide there
					want.VirtualSize &= 0xffffffff
					want.PeakVirtualSize &= 0xffffffff
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("arch %d proc %d:\n got %+v\nwant %+v", a, i, got, want)
				}
				if g, w := tab.Procs[i].Name(), DecodeUTF16(fp.name); g != w {
					t.Errorf("arch %d proc %d: name %q, want %q", a, i, g, w)
				}
				if !threads {
					if n := len(tab.ThreadsOf(i)); n != 0 {
						t.Errorf("arch %d proc %d: %d threads kept without asking", a, i, n)
					}
					continue
				}
				gotT := tab.ThreadsOf(i)
				if len(gotT) != len(fp.threads) {
					t.Fatalf("arch %d proc %d: %d threads, want %d", a, i, len(gotT), len(fp.threads))
				}
				for j := range gotT {
					if a == Arch32 {
						fp.threads[j].StartAddress &= 0xffffffff
					}
					if gotT[j] != fp.threads[j] {
						t.Errorf("arch %d proc %d thread %d:\n got %+v\nwant %+v", a, i, j, gotT[j], fp.threads[j])
					}
				}
				wantThreads += len(fp.threads)
			}
			if len(tab.Threads) != wantThreads {
				t.Errorf("arch %d: %d threads kept, want %d", a, len(tab.Threads), wantThreads)
			}
			if tab.Procs[2].Name() != "pïd𝄞top.exe" || tab.Procs[0].Name() != "" {
				t.Errorf("arch %d: names %q %q", a, tab.Procs[0].Name(), tab.Procs[2].Name())
			}
			// The idle process's runnable threads are not counted in the total.
			if tab.ThreadTotal != 6 || tab.HandleTotal != 3211 || tab.RunnableTotal != 1 {
				t.Errorf("arch %d: totals threads %d handles %d runnable %d, want 6 3211 1",
					a, tab.ThreadTotal, tab.HandleTotal, tab.RunnableTotal)
			}
		}
	}
}

func TestDecodeStates(t *testing.T) {
	type ts struct {
		s ThreadState
		r WaitReason
	}
	cases := []struct {
		name    string
		threads []ts
		want    RunState
	}{
		{"no threads", nil, RunExited},
		{"all terminated", []ts{{ThreadTerminated, 0}}, RunExited},
		{"one running", []ts{{ThreadWaiting, 6}, {ThreadRunning, 0}}, RunRunning},
		{"ready counts as running", []ts{{ThreadReady, 0}}, RunRunning},
		{"deferred ready", []ts{{ThreadDeferredReady, 0}}, RunRunning},
		{"standby", []ts{{ThreadStandby, 0}}, RunRunning},
		{"in transition", []ts{{ThreadTransition, 0}}, RunRunning},
		{"all waiting", []ts{{ThreadWaiting, 6}, {ThreadWaiting, 13}}, RunWaiting},
		{"all suspended", []ts{{ThreadWaiting, WaitSuspended}, {ThreadWaiting, WaitWrSuspended}}, RunSuspended},
		{"suspended and dead", []ts{{ThreadWaiting, WaitSuspended}, {ThreadTerminated, 0}}, RunSuspended},
		{"partly suspended", []ts{{ThreadWaiting, WaitSuspended}, {ThreadWaiting, 6}}, RunWaiting},
	}
	for _, c := range cases {
		fp := fakeProc{p: Process{PID: 40, Threads: uint32(len(c.threads))}}
		for i, x := range c.threads {
			fp.threads = append(fp.threads, Thread{TID: uint32(44 + 4*i), PID: 40, State: x.s, WaitReason: x.r})
		}
		var tab Table
		if err := Decode(buildSPI(Arch64, fakeBase, []fakeProc{fp}), fakeBase, Arch64, false, &tab); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := tab.Procs[0].State; got != c.want {
			t.Errorf("%s: state %d, want %d", c.name, got, c.want)
		}
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	good := buildSPI(Arch64, fakeBase, sample())
	second := int(uint32(good[0]) | uint32(good[1])<<8) // NextEntryOffset of the first entry
	mutate := func(f func(b []byte) []byte) []byte {
		return f(append([]byte(nil), good...))
	}
	cases := []struct {
		name string
		b    []byte
	}{
		{"truncated entry", good[:100]},
		{"truncated last entry", good[:len(good)-300]},
		{"next offset inside the entry", mutate(func(b []byte) []byte { b[0], b[1] = 16, 0; return b })},
		{"next offset past the end", mutate(func(b []byte) []byte { b[2] = 0x7f; return b })},
		{"too many threads", mutate(func(b []byte) []byte { b[second+4] = 200; return b })},
		{"bad arch", nil},
	}
	for _, c := range cases {
		var tab Table
		a := Arch64
		if c.b == nil {
			a, c.b = Arch(2), good
		}
		err := Decode(c.b, fakeBase, a, true, &tab)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", c.name, err)
		}
	}
}

func TestDecodeNeverFollowsNamesOutsideTheBuffer(t *testing.T) {
	fps := sample()
	fps[1].namePtr = func(base, at uint64) uint64 { return base - 64 }    // before the buffer
	fps[2].namePtr = func(base, at uint64) uint64 { return base + 1<<40 } // far after it
	b := buildSPI(Arch64, fakeBase, fps)
	var tab Table
	if err := Decode(b, fakeBase, Arch64, false, &tab); err != nil {
		t.Fatal(err)
	}
	if tab.Procs[1].NameUTF16() != nil || tab.Procs[2].NameUTF16() != nil {
		t.Errorf("names outside the buffer were followed: %q %q", tab.Procs[1].Name(), tab.Procs[2].Name())
	}
	if tab.Procs[2].PID != 7420 {
		t.Errorf("the entry with a bad name was not decoded: pid %d", tab.Procs[2].PID)
	}
}

func TestDecodeEmptyAndReuse(t *testing.T) {
	var tab Table
	if err := Decode(nil, 0, Arch64, true, &tab); err != nil || len(tab.Procs) != 0 {
		t.Fatalf("empty buffer: %d procs, err %v", len(tab.Procs), err)
	}
	b := buildSPI(Arch64, fakeBase, sample())
	if err := Decode(b, fakeBase, Arch64, true, &tab); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(20, func() {
		if err := Decode(b, fakeBase, Arch64, true, &tab); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("decoding into a warm table allocated %.0f times, want 0", allocs)
	}
	if len(tab.Procs) != 3 || len(tab.Threads) != 6 {
		t.Errorf("after reuse: %d procs %d threads, want 3 and 6", len(tab.Procs), len(tab.Threads))
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(buildSPI(Arch64, fakeBase, sample()), true)
	f.Add(buildSPI(Arch32, fakeBase, sample()), false)
	f.Fuzz(func(t *testing.T, b []byte, arch32 bool) {
		a := Arch64
		if arch32 {
			a = Arch32
		}
		var tab Table
		if err := Decode(b, fakeBase, a, true, &tab); err != nil {
			return
		}
		for i := range tab.Procs {
			name := tab.Procs[i].NameUTF16()
			if len(name)%2 != 0 || len(name) > len(b) {
				t.Fatalf("proc %d: name of %d bytes from a %d-byte buffer", i, len(name), len(b))
			}
			_ = tab.ThreadsOf(i)
		}
	})
}

// BenchmarkDecode5000 decodes a listing of 5,000 processes with 10 threads each,
// keeping the threads, into a warm table (one tick's decode at that count).
func BenchmarkDecode5000(b *testing.B) {
	proto := sample()[2]
	fps := make([]fakeProc, 5000)
	for i := range fps {
		fps[i] = proto
		fps[i].p.PID = uint32(8 + 4*i)
		fps[i].threads = make([]Thread, 10)
		for j := range fps[i].threads {
			fps[i].threads[j] = proto.threads[1]
		}
	}
	buf := buildSPI(Arch64, fakeBase, fps)
	var tab Table
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Decode(buf, fakeBase, Arch64, true, &tab); err != nil {
			b.Fatal(err)
		}
	}
}
