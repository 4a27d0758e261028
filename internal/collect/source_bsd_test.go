//go:build darwin || freebsd

package collect

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestBSDSourceLive reads the live system through the macOS/FreeBSD source and
// checks the test's own row and the system figures. It runs only on those
// systems, and not under -short.
func TestBSDSourceLive(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live process table")
	}
	src, err := newSource()
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	var cost Cost
	procs := src.readProcs(nil, readOptions{Threads: true, Needs: NeedIO | NeedStatExtra | NeedCtxt}, &cost)
	var own *Process
	for i := range procs {
		if int(procs[i].PID) == os.Getpid() && !procs[i].Is(FlagThread) {
			own = &procs[i]
		}
	}
	if own == nil {
		t.Fatalf("pid %d not among %d rows (cost %+v)", os.Getpid(), len(procs), cost)
	}
	need := KnownPPID | KnownUser | KnownStart | KnownState | KnownCPU | KnownRes | KnownThreads | KnownCmdline | KnownExe
	if !own.Known.Has(need) || int(own.PPID) != os.Getppid() || own.Threads < 1 || own.ResBytes == 0 ||
		!strings.HasPrefix(own.Cmdline(), os.Args[0]) || own.Argv0Len() != int32(len(os.Args[0])) || own.User() == "" {
		t.Errorf("own row: %+v", *own)
	}
	// The test's own process: its task info and rusage are readable.
	if x := own.Extra; !own.Known.Has(KnownTPGID|KnownStatExtra|KnownCtxt) || x == nil || x.CtxtSwitches == 0 {
		t.Errorf("own row's extra figures: known %b, %+v", own.Known, x)
	}
	again := src.readProcs(nil, readOptions{}, &cost)
	for _, p := range again {
		if p.PID == own.PID && p.Start != own.Start {
			t.Errorf("start changed between reads: %d then %d", own.Start, p.Start)
		}
	}
	var sys rawSystem
	if err := src.readSystem(&sys); err != nil {
		t.Logf("readSystem: %v", err)
	}
	want := SysKnownCPU | SysKnownMemory | SysKnownLoad | SysKnownUptime
	if sys.Known&want != want || len(sys.cpus) != runtime.NumCPU() || sys.Memory.Used > sys.Memory.Total || sys.Hostname == "" {
		t.Errorf("system: known %b, %d CPUs (want %d), memory %+v, host %q", sys.Known, len(sys.cpus), runtime.NumCPU(), sys.Memory, sys.Hostname)
	}
}
