package collect

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// benchCollect measures one full collection pass with htop's default columns
// (stat + statm per process), reporting per-process cost and reads.
func benchCollect(b *testing.B, needs Needs) {
	c, err := New(Config{Needs: needs})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	src := c.src.(*linuxSource)
	c.Collect() // warm: fds opened, names cached
	c.Collect()
	before := src.r.Stats()
	cpu0 := cpuTime()
	b.ReportAllocs()
	b.ResetTimer()
	procs := 0
	for b.Loop() {
		s := c.Collect()
		procs += len(s.Procs)
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
}

func BenchmarkCollect(b *testing.B) {
	b.Run("default-columns", func(b *testing.B) { benchCollect(b, NeedShr|NeedCmdline) })
	b.Run("stat-only", func(b *testing.B) { benchCollect(b, 0) })
	b.Run("all", func(b *testing.B) { benchCollect(b, NeedAll) })
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
	b.Run("default-columns", func(b *testing.B) { benchCollect(b, NeedShr|NeedCmdline) })
	b.Run("stat-only", func(b *testing.B) { benchCollect(b, 0) })
	b.Run("first-pass", func(b *testing.B) { benchFirstPass(b, NeedShr|NeedCmdline) })
	b.Run("first-pass-stat-only", func(b *testing.B) { benchFirstPass(b, 0) })
}

// benchFirstPass measures a viewer's first pass, which also reads every
// process's owner and command line: what stands between start-up and the first
// frame.
func benchFirstPass(b *testing.B, needs Needs) {
	cpu0 := cpuTime()
	procs := 0
	for b.Loop() {
		c, err := New(Config{Needs: needs})
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
