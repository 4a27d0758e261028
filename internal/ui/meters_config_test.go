package ui_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// meterCols sets the header's columns; each meter is "name" (a bar) or
// "name:text".
func meterCols(left, right []string) func(*config.Settings) {
	conv := func(names []string) []config.Meter {
		ms := []config.Meter{}
		for _, n := range names {
			name, mode, _ := strings.Cut(n, ":")
			if mode == "" {
				mode = config.ModeBar
			}
			ms = append(ms, config.Meter{Name: name, Mode: mode})
		}
		return ms
	}
	return func(s *config.Settings) { s.Left, s.Right = conv(left), conv(right) }
}

func fromOne(s *config.Settings) { s.CPUCountFromOne = true }

// rightColumn is the right column of a 120-column header (it starts at 61).
func rightColumn(l string) string {
	if len(l) <= 61 {
		return ""
	}
	return l[61:]
}

// The header draws the settings' meters, in their columns, order and modes.
func TestMetersAsConfigured(t *testing.T) {
	set := uitest.Settings(meterCols([]string{"memory:text", "load", "uptime:text"}, []string{"cpus", "swap:text"}), fromOne)
	h := start(t, ui.Config{Settings: set}, uitest.Proc(1, 0, "root", "/sbin/init"))
	lines := h.Lines()
	left := []string{"Mem: 3.00G used/8.00G buffers:256M shared:0K cache:2.00G", "Load[", "Uptime: 00:00:01", ""}
	right := []string{"  1[", "  2[", "Avg[", "Swp: 100M used/1.00G cache:0K"}
	for i := range left {
		if !strings.HasPrefix(lines[i], left[i]) || !strings.HasPrefix(rightColumn(lines[i]), right[i]) {
			t.Fatalf("line %d: want %q … %q:\n%s", i, left[i], right[i], strings.Join(lines[:6], "\n"))
		}
	}
	if !regexp.MustCompile(`^Load\[\|+ +0\.50/0\.25/0\.12\]`).MatchString(lines[1]) {
		t.Errorf("load bar: %q", lines[1][:60])
	}
	if header(lines) != 6 || strings.Contains(h.Text(), "  0[") { // 4 lines, a blank one, the tabs
		t.Errorf("want 4 lines of meters, CPUs from 1:\n%s", strings.Join(lines[:6], "\n"))
	}
}

// CPUs in text mode: a line each with the busy share and its parts.
func TestCPUText(t *testing.T) {
	set := uitest.Settings(meterCols([]string{"cpus:text"}, []string{"uptime"}))
	h := start(t, ui.Config{Settings: set}, uitest.Proc(1, 0, "root", "/sbin/init"))
	lines := h.Lines()
	for i, want := range []string{
		"  0:  40.0% usr:30.0% sys:10.0% low:0.0% wa:0.0%",
		"  1:  15.0% usr:10.0% sys:0.0% low:5.0% wa:0.0%",
		"Avg:  25.0% usr:20.0% sys:5.0%",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d: %q, want %q", i, lines[i], want)
		}
	}
}

// The Load bar is the 1-minute load against the CPU count, in htop's colours:
// under 1, under the CPU count, at or over it (full).
func TestLoadBar(t *testing.T) {
	set := uitest.Settings(meterCols([]string{"load"}, []string{"uptime"}))
	h := start(t, ui.Config{Settings: set})
	for _, c := range []struct {
		load   float64
		bars   int // "|" of the 53 cells inside "Load[…]" of a 59-column bar, before the 14 of "0.50/0.00/0.00"
		full   bool
		colour tcell.Color
		bold   bool
	}{{0.5, 13, false, tcell.ColorGreen, false}, {1.5, 39, false, tcell.ColorOlive, true}, {3, 39, true, tcell.ColorMaroon, true}} {
		s := uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"))
		s.System.Load = [3]float64{c.load, 0, 0}
		h.publishSnap(t, s)
		l := h.Lines()[0]
		if n := strings.Count(l, "|"); n != c.bars {
			t.Errorf("load %.1f: %d cells filled, want %d: %q", c.load, n, c.bars, l)
		}
		if fg, _, attr := h.Style(5, 0).Decompose(); fg != c.colour || (attr&tcell.AttrBold != 0) != c.bold {
			t.Errorf("load %.1f: bar colour %v attrs %v, want %v bold %v", c.load, fg, attr, c.colour, c.bold)
		}
		if fg, _, _ := h.Style(5+52, 0).Decompose(); (fg == c.colour) != c.full {
			t.Errorf("load %.1f: the bar's last cell is %v, want full %v", c.load, fg, c.full)
		}
	}
}

func withCPUs(n int) *collect.Snapshot {
	s := uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init"))
	s.System.CPUs = make([]collect.CPUShare, n)
	for i := range s.System.CPUs {
		s.System.CPUs[i] = collect.CPUShare{User: 10, Idle: 90}
	}
	return s
}

// More than 4 CPUs first in the left column span the header (htop's left and
// right CPU meters); numbered from 1 they end at n.
func TestWideCPUsCountFromOne(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(fromOne)})
	h.publishSnap(t, withCPUs(12))
	lines := h.Lines()
	if !strings.HasPrefix(lines[0], "  1[") || !strings.HasPrefix(rightColumn(lines[0]), " 7[") ||
		!strings.HasPrefix(rightColumn(lines[5]), "12[") || !strings.HasPrefix(lines[6], "Avg[") ||
		!strings.HasPrefix(rightColumn(lines[6]), "Tasks: ") || strings.Contains(h.Text(), "  0[") {
		t.Errorf("12 CPUs from 1:\n%s", strings.Join(lines[:10], "\n"))
	}
}

// CPUs that are not first in their column stay in it, in columns of their own.
func TestCPUsInTheirColumn(t *testing.T) {
	set := uitest.Settings(meterCols([]string{"memory", "cpus"}, []string{"tasks:text", "load:text", "uptime:text"}))
	h := start(t, ui.Config{Settings: set})
	h.publishSnap(t, withCPUs(12))
	lines := h.Lines()
	bar := regexp.MustCompile(`\d+\[[ |]*[\d.]+%\]`)
	if !strings.HasPrefix(lines[0], "Mem[") || !strings.HasPrefix(rightColumn(lines[0]), "Tasks: ") {
		t.Fatalf("header:\n%s", strings.Join(lines[:10], "\n"))
	}
	for i := 1; i <= 6; i++ {
		if n := len(bar.FindAllString(lines[i][:min(60, len(lines[i]))], -1)); n != 2 || bar.MatchString(rightColumn(lines[i])) {
			t.Fatalf("line %d: want 2 CPU bars in the left column:\n%s", i, strings.Join(lines[:10], "\n"))
		}
	}
	if !strings.HasPrefix(lines[7], "Avg[") || header(lines) != 10 { // 8 lines, a blank one, the tabs
		t.Errorf("header:\n%s", strings.Join(lines[:10], "\n"))
	}
}

// The header is as tall as its meters, and gone without any (the screens'
// tabs are the first line then).
func TestHeaderHeightFollowsMeters(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(meterCols(nil, []string{"uptime"}))}, uitest.Proc(1, 0, "root", "/sbin/init"))
	if lines := h.Lines(); header(lines) != 3 || !strings.HasPrefix(rightColumn(lines[0]), "Uptime: ") {
		t.Errorf("one meter:\n%s", strings.Join(lines[:4], "\n"))
	}
	h = start(t, ui.Config{Settings: uitest.Settings(meterCols(nil, nil))})
	h.feed.Publish(t, uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init")))
	if lines := h.WaitText(t, "/sbin/init"); header(lines) != 1 {
		t.Errorf("no meters:\n%s", strings.Join(lines[:4], "\n"))
	}
}
