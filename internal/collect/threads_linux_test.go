package collect

import (
	"os"
	"testing"
)

// Thread rows show their process's SHR (and exact RES): threads share its
// memory. They showed N/A before.
func TestThreadRowsShareProcessMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	c, err := New(Config{Threads: true, Needs: NeedShr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := c.Collect()
	self := int32(os.Getpid())
	var proc *Process
	threads := 0
	for i := range s.Procs {
		if p := &s.Procs[i]; p.PID == self && !p.Is(FlagThread) {
			proc = p
		}
	}
	if proc == nil || !proc.Known.Has(KnownShr) {
		t.Fatalf("own process row %+v", proc)
	}
	for i := range s.Procs {
		p := &s.Procs[i]
		if p.TGID != self || !p.Is(FlagThread) {
			continue
		}
		threads++
		if !p.Known.Has(KnownShr) || p.ShrBytes != proc.ShrBytes || p.ResBytes != proc.ResBytes {
			t.Errorf("thread %d: SHR %d RES %d known %v; process SHR %d RES %d", p.PID, p.ShrBytes,
				p.ResBytes, p.Known.Has(KnownShr), proc.ShrBytes, proc.ResBytes)
		}
	}
	if threads == 0 {
		t.Skip("the test process has no other thread listed") // a Go test binary has several
	}
}

// Extra records are never written once a snapshot holds them: not by the next
// tick's reads (idle processes keep their last record, and the one Extra a
// process gets per tick is filled by statExtra and readExtra in turn), nor by
// the rates of the tick after.
func TestExtraOfPublishedSnapshotsHoldsStill(t *testing.T) {
	c, _ := idleCollector(t, Config{Needs: NeedStatExtra | NeedCtxt | NeedOOM})
	s1 := c.Collect()
	kept := map[*Extra]Extra{}
	for i := range s1.Procs {
		if x := s1.Procs[i].Extra; x != nil {
			kept[x] = *x
		}
	}
	if len(kept) == 0 {
		t.Fatal("no process has an Extra")
	}
	for range 3 {
		c.Collect()
	}
	for x, was := range kept {
		if *x != was {
			t.Fatalf("an Extra of the first snapshot changed: %+v, was %+v", *x, was)
		}
	}
}
