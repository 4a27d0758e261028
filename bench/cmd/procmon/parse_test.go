package main

import (
	"errors"
	"testing"
)

func TestParsers(t *testing.T) {
	status := "Name:\tbtop\nState:\tS (sleeping)\nVmRSS:\t    6580 kB\nThreads:\t3\n" +
		"voluntary_ctxt_switches:\t515\nnonvoluntary_ctxt_switches:\t156\n"
	s, err := parseStatus([]byte(status))
	if err != nil {
		t.Fatal(err)
	}
	if want := (statusFigures{VolCS: 515, InvolCS: 156, RSSKiB: 6580}); s != want {
		t.Errorf("parseStatus = %+v, want %+v", s, want)
	}
	// A kernel thread's status has no VmRSS.
	s, err = parseStatus([]byte("Name:\tkworker\nvoluntary_ctxt_switches:\t7\nnonvoluntary_ctxt_switches:\t0"))
	if err != nil || s != (statusFigures{VolCS: 7}) {
		t.Errorf("kernel thread status = %+v, %v", s, err)
	}

	// The comm may hold spaces and parentheses; fields count from the last ')'.
	stat := "42 (a) (b c)) S 1 42 42 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0 99 1000 200"
	if ticks, err := statCPUTicks([]byte(stat)); err != nil || ticks != 325 {
		t.Errorf("statCPUTicks = %d, %v; want 325", ticks, err)
	}

	io := "rchar: 100\nwchar: 20\nsyscr: 14967\nsyscw: 180\n"
	if n, err := ioSyscr([]byte(io)); err != nil || n != 14967 {
		t.Errorf("ioSyscr = %d, %v; want 14967", n, err)
	}
	if ns, err := schedstatNS([]byte("143727905 2150011 311\n")); err != nil || ns != 143727905 {
		t.Errorf("schedstatNS = %d, %v", ns, err)
	}
}

func TestParsersRefuseOtherFormats(t *testing.T) {
	cases := []struct {
		name string
		run  func() error
	}{
		{"status without switches", func() error { _, err := parseStatus([]byte("Name:\tx\n")); return err }},
		{"stat without comm", func() error { _, err := statCPUTicks([]byte("42 x S 1")); return err }},
		{"stat cut short", func() error { _, err := statCPUTicks([]byte("42 (x) S 1 2 3")); return err }},
		{"io without syscr", func() error { _, err := ioSyscr([]byte("rchar: 1\n")); return err }},
		{"empty schedstat", func() error { _, err := schedstatNS(nil); return err }},
	}
	for _, c := range cases {
		if err := c.run(); !errors.Is(err, errFormat) {
			t.Errorf("%s: err = %v, want errFormat", c.name, err)
		}
	}
}
