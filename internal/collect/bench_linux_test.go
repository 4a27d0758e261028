package collect

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/layer"
)

// benchCollect measures one full collection pass with htop's default columns
// (stat + statm per process), reporting per-process cost and reads.
func benchCollect(b *testing.B, needs Needs) { benchCollectWith(b, Config{Needs: needs}, nil) }

// benchCollectWith measures steady passes of a collector made with cfg, with
// shown named on screen.
func benchCollectWith(b *testing.B, cfg Config, shown []int32) {
	c, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	c.SetShown(shown)
	src := c.src.(*linuxSource)
	c.Collect() // warm: fds opened, names cached
	c.Collect()
	before := src.r.Stats()
	cpu0 := cpuTime()
	b.ReportAllocs()
	b.ResetTimer()
	procs, idle := 0, 0
	for b.Loop() {
		s := c.Collect()
		procs += len(s.Procs)
		idle += s.Cost.Idle
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	after := src.r.Stats()
	n := float64(procs)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/proc")
	b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/proc")
	b.ReportMetric(float64(procs)/float64(b.N), "procs")
	b.ReportMetric(float64(after.Opens-before.Opens)/n, "opens/proc")
	b.ReportMetric(float64(after.Preads-before.Preads)/n, "preads/proc")
	b.ReportMetric(float64(idle)/n, "idle/proc")
}

// BenchmarkCollect measures the collector on this machine's /proc. The layers
// PIDTOP_OFF names are off, as in the binary, so that a layer's saving can be
// measured without the viewer: PIDTOP_OFF=relist go test -bench Collect/viewer.
func BenchmarkCollect(b *testing.B) {
	if err := layer.Load(os.Getenv("PIDTOP_OFF")); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = layer.Load("") })
	b.Run("viewer", func(b *testing.B) { benchViewer(b, true) })
	b.Run("viewer-no-skip", func(b *testing.B) { benchViewer(b, false) })
	b.Run("default-columns", func(b *testing.B) { benchCollect(b, NeedShr|NeedCmdline) })
	b.Run("stat-only", func(b *testing.B) { benchCollect(b, 0) })
	b.Run("all", func(b *testing.B) { benchCollect(b, NeedAll) })
	b.Run("floor-stat+statm", func(b *testing.B) { benchFloor(b, "stat", "statm") })
	b.Run("floor-stat", func(b *testing.B) { benchFloor(b, "stat") })
	b.Run("floor-schedstat", func(b *testing.B) { benchFloor(b, "schedstat") })
}

// benchViewer is the viewer's steady pass: statm only for a screenful of rows
// (50, named through SetShown), command lines once, and with skip the stat of
// processes that have not run left unread (SkipIdle, as the viewer has it).
func benchViewer(b *testing.B, skip bool) {
	c, err := New(Config{Needs: NeedShrShown | NeedCmdline})
	if err != nil {
		b.Fatal(err)
	}
	var shown []int32
	for _, p := range c.Collect().Procs {
		if len(shown) < 50 && !p.Is(FlagKernelThread) {
			shown = append(shown, p.PID)
		}
	}
	c.Close()
	benchCollectWith(b, Config{Needs: NeedShrShown | NeedCmdline, SkipIdle: skip}, shown)
}

// benchFloor is the floor issue 5 measures a pass against: a pread at offset 0
// of each named file of every process, on descriptors opened beforehand, into
// one buffer, with nothing parsed, listed or kept.
func benchFloor(b *testing.B, files ...string) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		b.Fatal(err)
	}
	var fds []int
	b.Cleanup(func() {
		for _, fd := range fds {
			syscall.Close(fd)
		}
	})
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		for _, f := range files {
			if len(fds) >= fdBudget() {
				break
			}
			if fd, err := syscall.Open("/proc/"+e.Name()+"/"+f, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err == nil {
				fds = append(fds, fd)
			}
		}
	}
	buf := make([]byte, 4096)
	procs := len(fds) / len(files)
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		for _, fd := range fds {
			syscall.Pread(fd, buf, 0)
		}
	}
	b.StopTimer()
	n := float64(procs * b.N)
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/n, "cpu-ns/proc")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/proc")
	b.ReportMetric(float64(procs), "procs")
}

// cpuTime is the process's user+system CPU time: on a shared machine the wall
// clock measures the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCollect5000 tops the machine up to 5,000 processes with sleeping
// children (killed and reaped by PID afterwards). PIDTOP_BENCH_PROCS overrides.
func BenchmarkCollect5000(b *testing.B) {
	want := 5000
	if v, err := strconv.Atoi(os.Getenv("PIDTOP_BENCH_PROCS")); err == nil {
		want = v
	}
	spawnUntil(b, want)
	b.Run("viewer", func(b *testing.B) { benchViewer(b, true) })
	b.Run("viewer-no-skip", func(b *testing.B) { benchViewer(b, false) })
	b.Run("default-columns", func(b *testing.B) { benchCollect(b, NeedShr|NeedCmdline) })
	b.Run("stat-only", func(b *testing.B) { benchCollect(b, 0) })
	b.Run("floor-stat+statm", func(b *testing.B) { benchFloor(b, "stat", "statm") })
	b.Run("floor-stat", func(b *testing.B) { benchFloor(b, "stat") })
	b.Run("floor-schedstat", func(b *testing.B) { benchFloor(b, "schedstat") })
	b.Run("first-pass-viewer", func(b *testing.B) {
		benchFirstPassWith(b, Config{Needs: NeedShrShown | NeedCmdline})
	})
	b.Run("first-pass", func(b *testing.B) { benchFirstPass(b, NeedShr|NeedCmdline) })
	b.Run("first-pass-stat-only", func(b *testing.B) { benchFirstPass(b, 0) })
}

// benchFirstPass measures a viewer's first pass, which also reads every
// process's owner and command line: what stands between start-up and the first
// frame.
func benchFirstPass(b *testing.B, needs Needs) { benchFirstPassWith(b, Config{Needs: needs}) }

// benchFirstPassWith is benchFirstPass with a collector made with cfg (the
// viewer's: statm on screen only).
func benchFirstPassWith(b *testing.B, cfg Config) {
	cpu0 := cpuTime()
	procs := 0
	for b.Loop() {
		c, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		procs += len(c.Collect().Procs)
		b.StopTimer() // closing 10,000 kept descriptors is not start-up's cost
		c.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(procs)/float64(b.N), "procs")
}

// spawnUntil starts `sleep` children until /proc lists want processes.
func spawnUntil(b *testing.B, want int) {
	entries, _ := os.ReadDir("/proc")
	have := 0
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err == nil {
			have++
		}
	}
	var kids []*exec.Cmd
	b.Cleanup(func() {
		for _, k := range kids {
			k.Process.Kill()
		}
		for _, k := range kids {
			k.Wait()
		}
	})
	for ; have < want; have++ {
		k := exec.Command("sleep", "3600")
		k.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := k.Start(); err != nil {
			b.Fatalf("spawned %d of %d: %v", len(kids), want, err)
		}
		kids = append(kids, k)
	}
}
