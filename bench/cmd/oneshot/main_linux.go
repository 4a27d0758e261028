package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

// run is one run's cost.
type run struct {
	cpu, wall time.Duration
	maxRSSKiB int64
	exit      int
}

func main() {
	n := flag.Int("n", 10, "runs")
	flag.Parse()
	args := flag.Args()
	if *n < 1 || len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: oneshot [-n RUNS] -- command [args...]")
		os.Exit(2)
	}
	runs := make([]run, 0, *n)
	for i := 0; i < *n; i++ {
		r, err := once(args)
		if err != nil {
			fmt.Printf("runs=%d exit=-1 error=%q\n", i, err.Error())
			os.Exit(1)
		}
		runs = append(runs, r)
	}
	cpu := sortedBy(runs, func(r run) time.Duration { return r.cpu })
	wall := sortedBy(runs, func(r run) time.Duration { return r.wall })
	rss := sortedBy(runs, func(r run) int64 { return r.maxRSSKiB })
	exit := 0
	for _, r := range runs {
		exit = max(exit, r.exit)
	}
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	fmt.Printf("runs=%d exit=%d cpu_ms=%.3f cpu_ms_min=%.3f cpu_ms_max=%.3f wall_ms=%.3f maxrss_kib=%d\n",
		len(runs), exit, ms(median(cpu)), ms(cpu[0]), ms(cpu[len(cpu)-1]), ms(median(wall)), median(rss))
}

// once runs the command with its output thrown away and reads its rusage.
func once(args []string) (run, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = nil, nil // /dev/null
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return run{}, err
	}
	st := cmd.ProcessState
	r := run{cpu: st.UserTime() + st.SystemTime(), wall: wall, exit: st.ExitCode()}
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		r.maxRSSKiB = ru.Maxrss // KiB on Linux
	}
	return r, nil
}

func sortedBy[T int64 | time.Duration](runs []run, f func(run) T) []T {
	v := make([]T, len(runs))
	for i, r := range runs {
		v[i] = f(r)
	}
	slices.Sort(v)
	return v
}

func median[T int64 | time.Duration](sorted []T) T { return sorted[len(sorted)/2] }
