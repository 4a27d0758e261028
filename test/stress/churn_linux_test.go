package stress

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/pidtop/pidtop/internal/collect"
	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// storm forks short-lived children at stormRate a second and reaps them,
// printing each one's identity and when it was reaped: a process reaped
// before a tick's read began must not be listed. A plain fork copies the
// helper's page tables and leaves it copy-on-write faults, and an exec loads
// a program: either costs milliseconds of CPU on a virtual machine, too much
// for the rate. So most children exit at once without an exec (forkBare); one
// in stormExecEvery execs true and one sleep 0.3, so that some rows live for
// a few ticks and change their name and image in mid-life. The storm is
// paced, and holds back while stormMaxUnreaped children wait to be reaped, so
// that it cannot fill the process table of a shared machine. It runs in a
// helper process of few descriptors: a fork copies the descriptor table,
// which in the test process holds the collector's thousands of kept /proc
// descriptors.
type storm struct {
	forks  atomic.Int64
	reaped atomic.Int64
	stop   atomic.Bool
	failed atomic.Value // string: the first fork error
	out    *bufio.Writer
}

const (
	// stormRate is the forks a second the storm aims at, twice the issue's.
	stormRate = 2000
	// stormBatch is how many forks a worker makes between two naps.
	stormBatch = 10
	// stormExecEvery: one fork in this many execs true, and one sleep.
	stormExecEvery = 64
	// stormMaxUnreaped bounds the children forked and not yet reaped.
	stormMaxUnreaped = 2000
)

// runStorm is the helper "storm SECONDS": it forks with two goroutines for
// that long, then reaps what is left and prints how many it forked. Each
// reaped child is a line "reaped PID START UNIXNANO".
func runStorm(seconds int) int {
	s := &storm{out: bufio.NewWriter(os.Stdout)}
	trueBin, err1 := exec.LookPath("true")
	sleepBin, err2 := exec.LookPath("sleep")
	devnull, err3 := os.Open(os.DevNull)
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Println(err)
		return 1
	}
	defer devnull.Close() // and until then not finalized: the children's stdio
	fd := devnull.Fd()
	attr := &syscall.ProcAttr{Dir: "/", Files: []uintptr{fd, fd, fd}}
	end := time.Now().Add(time.Duration(seconds) * time.Second)
	reaperDone := make(chan struct{})
	go func() { defer close(reaperDone); s.reap() }()
	const workers = 2
	every := time.Second * stormBatch * workers / stormRate
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := time.Now()
			for i := 0; time.Now().Before(end); {
				for range stormBatch {
					if s.forks.Load()-s.reaped.Load() >= stormMaxUnreaped {
						time.Sleep(time.Millisecond) // the reaper is behind
						continue
					}
					var err error
					switch k := i + w*stormExecEvery/4; {
					case k%stormExecEvery == 0:
						_, err = syscall.ForkExec(trueBin, []string{"true"}, attr)
					case k%stormExecEvery == stormExecEvery/2:
						_, err = syscall.ForkExec(sleepBin, []string{"sleep", "0.3"}, attr)
					default:
						err = errnoErr(forkBare())
					}
					if err == syscall.EAGAIN {
						continue // the process table is full for a moment
					}
					if err != nil {
						s.failed.CompareAndSwap(nil, err.Error())
						return
					}
					s.forks.Add(1)
					i++
				}
				// Behind by more than a batch (a busy machine): start the
				// pace again from now rather than burst to catch up.
				next = next.Add(every)
				if d := time.Until(next); d > 0 {
					time.Sleep(d)
				} else if d < -every {
					next = time.Now()
				}
			}
		}()
	}
	wg.Wait()
	s.stop.Store(true)
	<-reaperDone
	if f, _ := s.failed.Load().(string); f != "" {
		fmt.Fprintf(s.out, "failed %s\n", f)
	}
	fmt.Fprintf(s.out, "forks %d\n", s.forks.Load())
	s.out.Flush()
	return 0
}

// errnoErr is errno as an error, nil for none.
func errnoErr(errno syscall.Errno) error {
	if errno == 0 {
		return nil
	}
	return errno
}

// forkBare forks a child that exits at once and runs no Go code. It shares
// the parent's memory and stack, and the parent waits until it has exited
// (vfork): no page tables to copy, and no copy-on-write faults in the parent
// afterwards, each of which flushes the other CPUs' TLBs. The child is
// a copy of one thread of a Go program whose other threads may hold the
// runtime's locks, so it makes raw system calls only, in a function that
// cannot grow its stack, with every signal blocked (no Go handler may run in
// it), as the syscall package's own child does between fork and exec. Signals
// stay blocked on this thread only for the fork: the function makes no call
// that could move the goroutine to another thread.
//
//go:nosplit
//go:norace
func forkBare() syscall.Errno {
	all, old := ^uint64(0), uint64(0)
	if _, _, errno := syscall.RawSyscall6(unix.SYS_RT_SIGPROCMASK, unix.SIG_SETMASK,
		uintptr(unsafe.Pointer(&all)), uintptr(unsafe.Pointer(&old)), 8, 0, 0); errno != 0 {
		return errno
	}
	pid, _, errno := syscall.RawSyscall6(unix.SYS_CLONE, unix.CLONE_VM|unix.CLONE_VFORK|uintptr(unix.SIGCHLD), 0, 0, 0, 0, 0)
	if errno == 0 && pid == 0 {
		syscall.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
	}
	syscall.RawSyscall6(unix.SYS_RT_SIGPROCMASK, unix.SIG_SETMASK, uintptr(unsafe.Pointer(&old)), 0, 8, 0, 0)
	return errno
}

// reap waits for each child that exits, reads its start time while it is a
// zombie, reaps it and prints when. After stop it reaps until no child is
// left.
func (s *storm) reap() {
	for {
		var info unix.Siginfo
		err := unix.Waitid(unix.P_ALL, 0, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err == unix.EINTR {
			continue
		}
		if err == unix.ECHILD {
			if s.stop.Load() {
				return
			}
			runtime.Gosched() // between two forks no child exists
			continue
		}
		if err != nil {
			s.failed.CompareAndSwap(nil, "waitid: "+err.Error())
			return
		}
		pid := int(siginfoPID(&info))
		start, ok := startTicks(pid)
		var ws syscall.WaitStatus
		for {
			if _, err := syscall.Wait4(pid, &ws, 0, nil); err != syscall.EINTR {
				break
			}
		}
		s.reaped.Add(1)
		if ok {
			fmt.Fprintf(s.out, "reaped %d %d %d\n", pid, start, time.Now().UnixNano())
			s.out.Flush()
		}
	}
}

// reaped is what the test learnt of the storm's children: when each was
// reaped, by identity.
type reaped struct {
	mu      sync.Mutex
	at      map[collect.ID]time.Time
	pruneAt int // the size at which at next drops what is past reapedKept
}

// read takes the storm helper's lines until it ends and returns its last
// lines (the count of forks, a failure).
func (rp *reaped) read(out io.Reader) (tail []string) {
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		var id collect.ID
		var ns int64
		if n, _ := fmt.Sscanf(lines.Text(), "reaped %d %d %d", &id.PID, &id.Start, &ns); n == 3 {
			at := time.Unix(0, ns)
			rp.mu.Lock()
			rp.at[id] = at
			// A tick reads within a second or two of its start, so a child
			// reaped long ago can no longer be listed by mistake; dropping it
			// keeps this map, counted in the scenario's heap, small.
			if len(rp.at) >= rp.pruneAt {
				for id, t := range rp.at {
					if at.Sub(t) > reapedKept {
						delete(rp.at, id)
					}
				}
				rp.pruneAt = max(4096, 2*len(rp.at))
			}
			rp.mu.Unlock()
			continue
		}
		tail = append(tail, lines.Text())
	}
	return tail
}

// reapedKept is how long reaped keeps a child's reaping.
const reapedKept = 5 * time.Second

// reapedBefore reports whether id is a child reaped before t.
func (rp *reaped) before(id collect.ID, t time.Time) bool {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	at, ok := rp.at[id]
	return ok && at.Before(t)
}

// startTicks is the start time (stat field 22) of a process, a zombie
// included.
func startTicks(pid int) (uint64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	i := bytes.LastIndexByte(b, ')')
	if err != nil || i < 0 {
		return 0, false
	}
	f := bytes.Fields(b[i+1:]) // field 3 (state) onwards
	if len(f) < 20 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(f[19]), 10, 64)
	return v, err == nil
}

// TestChurn: a fork storm for 30 s (short: 3 s) under the collector and the
// viewer at the minimum delay: no row of a process reaped before the tick
// began, no CPU% outside 0..100 × CPUs, task counts that fit the rows.
func TestChurn(t *testing.T) {
	r := scenario(t, "churn")
	// What this machine forks alone, before the viewer starts: the bound the
	// storm under the viewer is held to (this shared machine gives anything
	// from 40 to 2,500 a second; the issue asks 1,000).
	var alone float64
	if full() {
		alone = stormAlone(t, 5)
	}
	cpus := float64(runtime.NumCPU())
	var stale, badCPU, badTasks atomic.Int64
	var mu sync.Mutex
	var firstBad string
	bad := func(format string, args ...any) {
		mu.Lock()
		if firstBad == "" {
			firstBad = fmt.Sprintf(format, args...)
		}
		mu.Unlock()
	}
	rp := &reaped{at: map[collect.ID]time.Time{}}
	k := newTicker(3)
	scr, stop := viewer(t, collect.Config{Needs: collect.NeedCmdline, SkipIdle: true},
		uitest.Settings(uitest.Highlight), 160, 50, func(snap *collect.Snapshot) {
			if snap.Partial {
				return
			}
			r.snapshot(snap)
			r.sample()
			rows := 0
			for i := range snap.Procs {
				p := &snap.Procs[i]
				if p.Is(collect.FlagExited) {
					continue
				}
				rows++
				if rp.before(p.ID, snap.Time) {
					stale.Add(1)
					bad("tick %d lists %d (%s), reaped before the tick", snap.Tick, p.PID, p.Name)
				}
				if p.CPUPercent < 0 || p.CPUPercent > 100*cpus {
					badCPU.Add(1)
					bad("tick %d: %d (%s) at %.1f%% CPU", snap.Tick, p.PID, p.Name, p.CPUPercent)
				}
			}
			sys := &snap.System
			if sys.Known&collect.SysKnownTasks != 0 && (sys.Tasks < rows/2 || sys.Tasks > 2*rows+100 ||
				sys.Running > sys.Tasks+sys.Threads || sys.KernelThreads > sys.Tasks) {
				badTasks.Add(1)
				bad("tick %d: %d rows, Tasks %d, Running %d, Threads %d, kernel threads %d",
					snap.Tick, rows, sys.Tasks, sys.Running, sys.Threads, sys.KernelThreads)
			}
			k.tick()
		})
	scr.WaitText(t, "PID")
	k.wait(t, 2*time.Minute) // the storm starts on a running viewer
	forks, took := runStormHelper(t, size(3, 30), rp)
	// A few more ticks after the last reap: no reaped child may linger.
	resultsMu.Lock()
	k2 := r.ticks
	resultsMu.Unlock()
	scr.WaitFor(t, "two more ticks", func([]string) bool {
		resultsMu.Lock()
		defer resultsMu.Unlock()
		return r.ticks >= k2+2
	})
	stop()
	rate := float64(forks) / took.Seconds()
	r.addNote("%d forks, %.0f/s", forks, rate)
	if alone > 0 {
		r.addNote("alone %.0f/s", alone)
		// The viewer at the minimum delay takes a CPU of the two; the storm
		// must still storm.
		if rate < alone*minStormShare {
			t.Errorf("the storm forked %.0f/s under the viewer, %.0f/s alone: under %.0f%% of it", rate, alone, 100*minStormShare)
		}
	}
	t.Logf("%d forks in %s (%.0f/s), %d ticks", forks, took.Round(time.Millisecond), rate, r.ticks)
	if n := stale.Load() + badCPU.Load() + badTasks.Load(); n > 0 {
		resultsMu.Lock()
		r.errors += int(n)
		resultsMu.Unlock()
		t.Errorf("%d stale rows, %d impossible CPU%%, %d implausible task counts; the first: %s",
			stale.Load(), badCPU.Load(), badTasks.Load(), firstBad)
	}
	if r.errors > 0 && stale.Load()+badCPU.Load()+badTasks.Load() == 0 {
		t.Errorf("%d collection errors", r.errors)
	}
	checkBounds(t, r)
}

// siginfoPID is si_pid of a SIGCHLD siginfo: after three ints, aligned to a
// pointer (x/sys leaves the union opaque).
func siginfoPID(info *unix.Siginfo) int32 {
	word := unsafe.Sizeof(uintptr(0))
	off := (3*4 + word - 1) &^ (word - 1)
	return *(*int32)(unsafe.Add(unsafe.Pointer(info), off))
}

// minStormShare is the least share of its rate alone that the storm keeps
// under the viewer (make stress only).
const minStormShare = 0.3

// stormAlone runs the storm helper for seconds with nothing watching and
// returns its forks a second.
func stormAlone(t *testing.T, seconds int) float64 {
	t.Helper()
	forks, took := runStormHelper(t, seconds, &reaped{at: map[collect.ID]time.Time{}})
	return float64(forks) / took.Seconds()
}

// runStormHelper runs the storm helper for seconds, filing its reaped
// children in rp, and returns how many it forked and how long it took.
func runStormHelper(t *testing.T, seconds int, rp *reaped) (forks int64, took time.Duration) {
	t.Helper()
	helper := childCommand("storm " + strconv.Itoa(seconds))
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = helper.Process.Kill(); _ = helper.Wait() })
	tail := rp.read(out)
	took = time.Since(began)
	if err := helper.Wait(); err != nil {
		t.Errorf("storm helper: %v", err)
	}
	for _, l := range tail {
		if _, err := fmt.Sscanf(l, "forks %d", &forks); err != nil {
			t.Errorf("storm helper: %s", l)
		}
	}
	return forks, took
}
