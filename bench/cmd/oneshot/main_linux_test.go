package main

import (
	"testing"
	"time"
)

func TestOnceReportsExitAndRusage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs processes")
	}
	r, err := once([]string{"sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exit 3"})
	if err != nil {
		t.Fatal(err)
	}
	if r.exit != 3 || r.cpu <= 0 || r.maxRSSKiB <= 0 || r.wall <= 0 {
		t.Errorf("once = %+v; want exit 3 and non-zero CPU, RSS and wall time", r)
	}
	if _, err := once([]string{"/nonexistent/command"}); err == nil {
		t.Error("once(/nonexistent/command) succeeded")
	}
}

func TestMedian(t *testing.T) {
	runs := []run{{cpu: 3 * time.Millisecond}, {cpu: time.Millisecond}, {cpu: 9 * time.Millisecond}}
	cpu := sortedBy(runs, func(r run) time.Duration { return r.cpu })
	if median(cpu) != 3*time.Millisecond || cpu[0] != time.Millisecond {
		t.Errorf("sorted %v, median %v", cpu, median(cpu))
	}
}
