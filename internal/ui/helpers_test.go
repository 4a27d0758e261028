package ui_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// harness is a running viewer on a simulated screen with a fake feed.
type harness struct {
	*uitest.Screen
	feed  *uitest.Feed
	wait  func() error
	ticks int
}

// start runs the viewer with cfg on a 120×40 screen and publishes procs.
func start(t *testing.T, cfg ui.Config, procs ...collect.Process) *harness {
	t.Helper()
	h := &harness{Screen: uitest.NewScreen(120, 40), feed: uitest.NewFeed()}
	if cfg.Feed == nil {
		cfg.Feed = h.feed
	}
	cfg.Screen, cfg.AfterDraw = h.Screen.Screen(), h.AfterDraw
	h.wait = uitest.Start(t, func(ctx context.Context) error { return ui.Run(ctx, cfg) })
	if len(procs) > 0 {
		h.publish(t, procs...)
	}
	return h
}

// publish sends a snapshot of procs and waits until it is on screen: each
// snapshot's uptime is one second more, so its Uptime meter tells it apart.
func (h *harness) publish(t *testing.T, procs ...collect.Process) {
	t.Helper()
	h.publishSnap(t, uitest.Snapshot(procs...))
}

// publishSnap sends a snapshot and waits until it is on screen.
func (h *harness) publishSnap(t *testing.T, s *collect.Snapshot) {
	t.Helper()
	h.ticks++
	s.System.Uptime = time.Duration(h.ticks) * time.Second
	h.feed.Publish(t, s)
	h.WaitText(t, fmt.Sprintf("Uptime: 00:00:%02d", h.ticks))
}

// header returns the index of the table's header line.
func header(lines []string) int {
	for i, l := range lines {
		if strings.Contains(l, "PID") && strings.Contains(l, "Command") {
			return i
		}
	}
	return -1
}

// pids returns the PIDs of the table's rows, top to bottom.
func pids(lines []string) []int {
	var out []int
	h := header(lines)
	if h < 0 {
		return nil
	}
	for _, l := range lines[h+1:] {
		f := strings.Fields(l)
		if len(f) == 0 {
			break
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			break
		}
		out = append(out, n)
	}
	return out
}

// waitOrder waits until the table lists exactly these PIDs in this order.
func (h *harness) waitOrder(t *testing.T, what string, want ...int) {
	t.Helper()
	h.WaitFor(t, what+": rows "+intsText(want), func(lines []string) bool { return intsText(pids(lines)) == intsText(want) })
}

func intsText(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " ")
}

// selectedPID is the PID on the highlighted row (the selection's background).
func (h *harness) selectedPID(lines []string) int {
	hd := header(lines)
	if hd < 0 {
		return -1
	}
	_, selBg, _ := tcell.StyleDefault.Background(tcell.ColorTeal).Decompose()
	for y := hd + 1; y < len(lines); y++ {
		if _, bg, attr := h.Style(1, y).Decompose(); bg == selBg || attr&tcell.AttrReverse != 0 {
			f := strings.Fields(lines[y])
			if len(f) > 0 {
				n, _ := strconv.Atoi(f[0])
				return n
			}
		}
	}
	return -1
}

// waitSelected waits until the selection is on pid.
func (h *harness) waitSelected(t *testing.T, pid int) {
	t.Helper()
	h.WaitFor(t, "selection on PID "+strconv.Itoa(pid), func(lines []string) bool { return h.selectedPID(lines) == pid })
}

// with sets a process's CPU%, MEM% and CPU time, for sort tests.
func with(p collect.Process, cpu, mem float64, secs int) collect.Process {
	p.CPUPercent, p.MemPercent = cpu, mem
	p.UserTime = time.Duration(secs) * time.Second
	return p
}
