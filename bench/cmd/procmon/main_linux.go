package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// tickNS is the length of a clock tick (USER_HZ = 100 on Linux).
const tickNS = 10_000_000

// totals are a process's cumulative counters at one moment.
type totals struct {
	cpuNS   uint64 // schedstat run time, summed over live threads
	ticks   uint64 // utime+stime of the whole process
	volCS   uint64 // voluntary context switches, summed over live threads
	involCS uint64 // involuntary context switches, summed over live threads
	syscr   uint64 // read syscalls
	rssKiB  uint64
	threads int
}

func main() {
	pid := flag.Int("pid", 0, "process to watch (required)")
	window := flag.Duration("window", 20*time.Second, "how long to watch (SIGTERM ends it early)")
	after := flag.Duration("after", 0, "wait this long before the window starts (so that procmon, a new\n"+
		"process to the viewer it watches, is not new within the window)")
	sample := flag.Duration("sample", 20*time.Millisecond, "how often to sample /proc/PID/io for read bursts")
	minReads := flag.Uint64("min-reads", 30, "read syscalls in a burst that make it a refresh (/proc has 60+ entries)")
	active := flag.Uint64("active", 5, "read syscalls in one sample that make it part of a burst")
	gap := flag.Duration("gap", 150*time.Millisecond, "a quiet stretch longer than this ends a burst")
	flag.Parse()
	if *pid <= 0 {
		fmt.Fprintln(os.Stderr, "usage: procmon -pid PID [-after 0s] [-window 20s] [-sample 20ms] [-min-reads 30] [-gap 150ms]")
		os.Exit(2)
	}
	time.Sleep(*after)
	dir := filepath.Join("/proc", strconv.Itoa(*pid))
	c := &burstCounter{Active: *active, MinReads: *minReads, Gap: *gap}
	stop := make(chan os.Signal, 1)
	// Only SIGTERM: a Ctrl-C must kill procmon, so the shell that runs it sees
	// the interrupt and runs its cleanup.
	signal.Notify(stop, syscall.SIGTERM)
	line, err := watch(dir, *window, *sample, c, stop)
	if err != nil {
		fmt.Printf("pid=%d alive=0 error=%q\n", *pid, err.Error())
		os.Exit(1)
	}
	fmt.Printf("pid=%d alive=1 %s\n", *pid, line)
}

// watch samples dir for the window, or until stop, and formats the figures.
func watch(dir string, window, sample time.Duration, c *burstCounter, stop <-chan os.Signal) (string, error) {
	start := time.Now()
	a, err := readTotals(dir)
	if err != nil {
		return "", err
	}
	last, rssMax := a.syscr, a.rssKiB
	ticker := time.NewTicker(sample)
	defer ticker.Stop()
	nextRSS := time.Second
	for {
		var now time.Time
		select {
		case now = <-ticker.C:
		case <-stop:
			now = start.Add(window)
		}
		off := now.Sub(start)
		if off >= window {
			break
		}
		b, err := os.ReadFile(dir + "/io")
		if err != nil {
			return "", err
		}
		n, err := ioSyscr(b)
		if err != nil {
			return "", err
		}
		c.add(off, n-last)
		last = n
		if off >= nextRSS {
			nextRSS += time.Second
			if s, err := readStatus(dir); err == nil && s.RSSKiB > rssMax {
				rssMax = s.RSSKiB
			}
		}
	}
	z, err := readTotals(dir)
	if err != nil {
		return "", err
	}
	c.add(time.Since(start), z.syscr-last)
	w := time.Since(start)
	rssMax = max(rssMax, z.rssKiB)
	return fmt.Sprintf("window_s=%.3f cpu_ns=%d cpu_ticks_ns=%d refreshes=%.2f bursts=%d period_ms=%d "+
		"syscr=%d vcsw=%d ivcsw=%d rss_kib=%d rss_max_kib=%d threads=%d",
		w.Seconds(), z.cpuNS-a.cpuNS, (z.ticks-a.ticks)*tickNS, c.refreshes(w), c.bursts(),
		c.period().Milliseconds(), z.syscr-a.syscr, z.volCS-a.volCS, z.involCS-a.involCS,
		z.rssKiB, rssMax, z.threads), nil
}

// readTotals reads every counter of the process in dir and of all its threads.
func readTotals(dir string) (totals, error) {
	var t totals
	b, err := os.ReadFile(dir + "/stat")
	if err != nil {
		return t, err
	}
	if t.ticks, err = statCPUTicks(b); err != nil {
		return t, err
	}
	if b, err = os.ReadFile(dir + "/io"); err != nil {
		return t, err
	}
	if t.syscr, err = ioSyscr(b); err != nil {
		return t, err
	}
	s, err := readStatus(dir)
	if err != nil {
		return t, err
	}
	t.rssKiB = s.RSSKiB
	tids, err := os.ReadDir(dir + "/task")
	if err != nil {
		return t, err
	}
	for _, e := range tids {
		td := dir + "/task/" + e.Name()
		b, err := os.ReadFile(td + "/schedstat")
		if err != nil {
			continue // the thread exited meanwhile
		}
		ns, err := schedstatNS(b)
		if err != nil {
			return t, err
		}
		s, err := readStatus(td)
		if err != nil {
			continue
		}
		t.cpuNS += ns
		t.volCS += s.VolCS
		t.involCS += s.InvolCS
		t.threads++
	}
	return t, nil
}

func readStatus(dir string) (statusFigures, error) {
	b, err := os.ReadFile(dir + "/status")
	if err != nil {
		return statusFigures{}, err
	}
	return parseStatus(b)
}
