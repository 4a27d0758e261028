package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
)

// The meters in text mode (htop's "Text"): a caption and the figures in the
// colours their bar would have. Tasks and Uptime have no bar form that says
// more than their text (htop's Tasks bar is running against all, a figure the
// text already gives), so they are text in either mode.

// seg is a piece of text in one style.
type seg struct {
	text  string
	style tcell.Style
}

// line draws segs from (x, y), cut at w columns.
func line(screen tcell.Screen, x, y, w int, segs ...seg) {
	end := x + w
	for _, sg := range segs {
		for _, r := range sg.text {
			if x >= end {
				return
			}
			screen.SetContent(x, y, r, nil, sg.style)
			x++
		}
	}
}

// put draws ASCII text at (x, y) and returns the column after it.
func put(screen tcell.Screen, x, y int, s string, st tcell.Style) int {
	for _, r := range s {
		screen.SetContent(x, y, r, nil, st)
		x++
	}
	return x
}

// pct is a share as the CPU text shows it.
func pct(v float64) string { return fmt.Sprintf("%.1f%%", v) }

// cpuText is one CPU's line: its busy share, then the parts its bar would
// stack, by htop's short names (low: niced, wa: I/O wait); irq (hard and soft)
// and st (steal and guest) only when there are some, so that the line fits a
// half of 80 columns on most machines, where they are nil.
func (m *meters) cpuText(screen tcell.Screen, x, y, w int, label string, c collect.CPUShare) {
	t := m.th
	if m.sys.Known&collect.SysKnownCPU == 0 {
		line(screen, x, y, w, seg{label + ": ", t.label}, seg{"N/A", t.dim})
		return
	}
	segs := []seg{{label + ": ", t.label}, {fmt.Sprintf("%5.1f%%", c.Busy()), t.value},
		{" usr:", t.label}, {pct(c.User), t.cpuUser}, {" sys:", t.label}, {pct(c.System), t.cpuSys},
		{" low:", t.label}, {pct(c.Nice), t.cpuNice}}
	if irq := c.IRQ + c.SoftIRQ; irq > 0 {
		segs = append(segs, seg{" irq:", t.label}, seg{pct(irq), t.cpuIRQ})
	}
	if st := c.Steal + c.Guest; st > 0 {
		segs = append(segs, seg{" st:", t.label}, seg{pct(st), t.cpuSteal})
	}
	segs = append(segs, seg{" wa:", t.label}, seg{pct(c.IOWait), t.cpuIOWait})
	line(screen, x, y, w, segs...)
}

// memText is "Mem: 1.21G used/3.80G" and the other parts of the bar.
func (m *meters) memText(screen tcell.Screen, x, y, w int) {
	t, mem := m.th, m.sys.Memory
	if m.sys.Known&collect.SysKnownMemory == 0 || mem.Total == 0 {
		line(screen, x, y, w, seg{"Mem: ", t.label}, seg{"N/A", t.dim})
		return
	}
	line(screen, x, y, w, seg{"Mem: ", t.label}, seg{human(mem.Used), t.memUsed}, seg{" used/", t.label},
		seg{human(mem.Total), t.value}, seg{" buffers:", t.label}, seg{human(mem.Buffers), t.memBuffers},
		seg{" shared:", t.label}, seg{human(mem.Shared), t.memShared}, seg{" cache:", t.label}, seg{human(mem.Cache), t.memCache})
}

// swapText is "Swp: 100M used/1.00G" and the swap cache.
func (m *meters) swapText(screen tcell.Screen, x, y, w int) {
	t, sw := m.th, m.sys.Swap
	if m.sys.Known&collect.SysKnownSwap == 0 {
		line(screen, x, y, w, seg{"Swp: ", t.label}, seg{"N/A", t.dim})
		return
	}
	line(screen, x, y, w, seg{"Swp: ", t.label}, seg{human(sw.Used), t.swapUsed}, seg{" used/", t.label},
		seg{human(sw.Total), t.value}, seg{" cache:", t.label}, seg{human(sw.Cache), t.swapCache})
}

// tasks draws htop's Tasks line.
func (m *meters) tasks(screen tcell.Screen, x, y, w int) {
	s, t := m.sys, m.th
	switch {
	case s.Known&collect.SysKnownTasks == 0: // a first look (Snapshot.Partial)
		label := "Tasks: "
		if s.Restricted {
			label = "Tasks (restricted): "
		}
		line(screen, x, y, w, seg{label, t.label}, seg{"counting…", t.dim})
	case s.Restricted:
		// Only the processes /proc shows us (hidepid): the label says so
		// first, where a narrow header keeps it, and kernel threads, which
		// the view never has, are not counted as none.
		line(screen, x, y, w, seg{"Tasks (restricted): ", t.label}, seg{fmt.Sprint(s.Tasks), t.value}, seg{", ", t.label},
			seg{fmt.Sprint(s.Threads), t.value}, seg{" thr; ", t.label}, seg{fmt.Sprint(s.Running), t.runCount}, seg{" running", t.label})
	default:
		// The first number is htop's: processes, kernel threads apart
		// (System.Tasks counts them both).
		line(screen, x, y, w, seg{"Tasks: ", t.label}, seg{fmt.Sprint(max(s.Tasks-s.KernelThreads, 0)), t.value},
			seg{", ", t.label}, seg{fmt.Sprint(s.Threads), t.value}, seg{" thr, ", t.label},
			seg{fmt.Sprint(s.KernelThreads), t.value}, seg{" kthr; ", t.label},
			seg{fmt.Sprint(s.Running), t.runCount}, seg{" running", t.label})
	}
}

// loadText is htop's Load average line: the 1-minute figure stands out.
func (m *meters) loadText(screen tcell.Screen, x, y, w int) {
	s, t := m.sys, m.th
	if s.Known&collect.SysKnownLoad == 0 {
		line(screen, x, y, w, seg{"Load average: ", t.label}, seg{"N/A", t.dim})
		return
	}
	line(screen, x, y, w, seg{"Load average: ", t.label}, seg{fmt.Sprintf("%.2f ", s.Load[0]), t.value},
		seg{fmt.Sprintf("%.2f ", s.Load[1]), t.label}, seg{fmt.Sprintf("%.2f", s.Load[2]), t.label})
}

// uptimeText is htop's Uptime line.
func (m *meters) uptimeText(screen tcell.Screen, x, y, w int) {
	t := m.th
	if m.sys.Known&collect.SysKnownUptime == 0 {
		line(screen, x, y, w, seg{"Uptime: ", t.label}, seg{"N/A", t.dim})
		return
	}
	line(screen, x, y, w, seg{"Uptime: ", t.label}, seg{uptime(m.sys.Uptime), t.value})
}
