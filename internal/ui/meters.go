package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
)

// meters is the header above the table, laid out like htop's default: per-CPU
// bars (in one column up to 4 CPUs, two up to 16, four beyond), then the average
// CPU, Mem and Swap bars on the left and Tasks, Load average and Uptime on the
// right.
type meters struct {
	*tview.Box
	th     *theme
	sys    *collect.System
	styles []tcell.Style // bar's scratch, reused: a bar per CPU per frame
}

func newMeters(th *theme) *meters {
	return &meters{Box: tview.NewBox(), th: th, sys: &collect.System{}}
}

// cpuColumns is how many columns the CPU bars take for n CPUs.
func cpuColumns(n int) int {
	switch {
	case n <= 4:
		return 1
	case n <= 16:
		return 2
	}
	return 4
}

// height is the number of lines the header needs, its blank last line included.
func (m *meters) height() int {
	n := len(m.sys.CPUs)
	cols := cpuColumns(n)
	if cols == 1 {
		left := n + 2
		if n > 1 {
			left++ // Avg
		}
		return max(left, 3) + 1
	}
	return (n+cols-1)/cols + 3 + 1
}

// Draw draws the meters into the box.
func (m *meters) Draw(screen tcell.Screen) {
	m.DrawForSubclass(screen, m)
	x, y, w, _ := m.GetInnerRect()
	s := m.sys
	n := len(s.CPUs)
	cols := cpuColumns(n)
	half := w / 2
	leftY, rightY := y, y
	if cols == 1 {
		for i := range s.CPUs {
			m.cpuBar(screen, x, leftY, half-1, fmt.Sprintf("%*d", m.labelWidth(), i), s.CPUs[i])
			leftY++
		}
	} else {
		rows := (n + cols - 1) / cols
		cw := w / cols
		for i := range s.CPUs {
			c, r := i/rows, i%rows
			m.cpuBar(screen, x+c*cw, y+r, cw-1, fmt.Sprintf("%*d", m.labelWidth(), i), s.CPUs[i])
		}
		leftY, rightY = y+rows, y+rows
	}
	if n > 1 {
		m.cpuBar(screen, x, leftY, half-1, "Avg", s.CPUTotal)
		leftY++
	}
	m.memBar(screen, x, leftY, half-1)
	m.swapBar(screen, x, leftY+1, half-1)
	m.texts(screen, x+half+1, rightY, w-half-1)
}

// labelWidth is the width of CPU numbers, at least 3 as htop draws them.
func (m *meters) labelWidth() int { return max(3, len(fmt.Sprint(len(m.sys.CPUs)-1))) }

// part is one coloured segment of a bar, as a fraction of the whole.
type part struct {
	frac  float64
	style tcell.Style
}

func (m *meters) cpuBar(screen tcell.Screen, x, y, w int, label string, c collect.CPUShare) {
	if m.sys.Known&collect.SysKnownCPU == 0 {
		m.bar(screen, x, y, w, label, nil, "N/A")
		return
	}
	t := m.th
	parts := []part{
		{c.Nice / 100, t.cpuNice}, {c.User / 100, t.cpuUser}, {c.System / 100, t.cpuSys},
		{(c.IRQ + c.SoftIRQ) / 100, t.cpuIRQ}, {(c.Steal + c.Guest) / 100, t.cpuSteal},
		{c.IOWait / 100, t.cpuIOWait},
	}
	m.bar(screen, x, y, w, label, parts, fmt.Sprintf("%.1f%%", c.Busy()))
}

func (m *meters) memBar(screen tcell.Screen, x, y, w int) {
	mem := m.sys.Memory
	if m.sys.Known&collect.SysKnownMemory == 0 || mem.Total == 0 {
		m.bar(screen, x, y, w, "Mem", nil, "N/A")
		return
	}
	t, tot := m.th, float64(mem.Total)
	parts := []part{
		{float64(mem.Used) / tot, t.memUsed}, {float64(mem.Buffers) / tot, t.memBuffers},
		{float64(mem.Shared) / tot, t.memShared}, {float64(mem.Cache) / tot, t.memCache},
	}
	m.bar(screen, x, y, w, "Mem", parts, human(mem.Used)+"/"+human(mem.Total))
}

func (m *meters) swapBar(screen tcell.Screen, x, y, w int) {
	sw := m.sys.Swap
	if m.sys.Known&collect.SysKnownSwap == 0 {
		m.bar(screen, x, y, w, "Swp", nil, "N/A")
		return
	}
	var parts []part
	if sw.Total > 0 {
		tot := float64(sw.Total)
		parts = []part{{float64(sw.Used-min(sw.Cache, sw.Used)) / tot, m.th.swapUsed}, {float64(sw.Cache) / tot, m.th.swapCache}}
	}
	m.bar(screen, x, y, w, "Swp", parts, human(sw.Used)+"/"+human(sw.Total))
}

// bar draws `label[||||||     text]`: the parts fill the bar in their colours
// and the text sits right-aligned inside it, coloured like the bar beneath it.
func (m *meters) bar(screen tcell.Screen, x, y, w int, label string, parts []part, text string) {
	t := m.th
	x = put(screen, x, y, label, t.label)
	x = put(screen, x, y, "[", t.bracket)
	inner := w - len(label) - 2
	if inner < 1 {
		return
	}
	if cap(m.styles) < inner {
		m.styles = make([]tcell.Style, inner)
	}
	styles := m.styles[:inner]
	clear(styles)
	filled, at := 0, 0.0
	for _, p := range parts {
		at += max(p.frac, 0)
		end := min(int(at*float64(inner)+0.5), inner)
		for ; filled < end; filled++ {
			styles[filled] = p.style
		}
	}
	if t.mono {
		for i := range filled {
			styles[i] = styles[i].Reverse(true)
		}
	}
	textAt := inner - len(text)
	for i := range inner {
		ch, st := ' ', t.dim
		if i < filled {
			ch, st = '|', styles[i]
			if t.mono {
				ch = ' '
			}
		}
		if i >= textAt {
			ch = rune(text[i-textAt])
			if i >= filled {
				st = t.dim
			}
		}
		screen.SetContent(x+i, y, ch, nil, st)
	}
	put(screen, x+inner, y, "]", t.bracket)
}

// texts draws Tasks, Load average and Uptime.
func (m *meters) texts(screen tcell.Screen, x, y, w int) {
	s, t := m.sys, m.th
	// The first number is htop's: processes, kernel threads apart (System.Tasks
	// counts them both).
	segs := [][]seg{
		{{"Tasks: ", t.label}, {fmt.Sprint(max(s.Tasks-s.KernelThreads, 0)), t.value}, {", ", t.label}, {fmt.Sprint(s.Threads), t.value},
			{" thr, ", t.label}, {fmt.Sprint(s.KernelThreads), t.value}, {" kthr; ", t.label},
			{fmt.Sprint(s.Running), t.runCount}, {" running", t.label}},
		{{"Load average: ", t.label}, {"N/A", t.dim}},
		{{"Uptime: ", t.label}, {"N/A", t.dim}},
	}
	if s.Restricted {
		// Only the processes /proc shows us (hidepid): the label says so
		// first, where a narrow header keeps it, and kernel threads, which
		// the view never has, are not counted as none.
		segs[0] = []seg{{"Tasks (restricted): ", t.label}, {fmt.Sprint(s.Tasks), t.value}, {", ", t.label},
			{fmt.Sprint(s.Threads), t.value}, {" thr; ", t.label}, {fmt.Sprint(s.Running), t.runCount}, {" running", t.label}}
	}
	if s.Known&collect.SysKnownTasks == 0 {
		segs[0] = []seg{segs[0][0], {"counting…", t.dim}} // a first look (Snapshot.Partial)
	}
	if s.Known&collect.SysKnownLoad != 0 {
		segs[1] = []seg{{"Load average: ", t.label}, {fmt.Sprintf("%.2f ", s.Load[0]), t.value},
			{fmt.Sprintf("%.2f ", s.Load[1]), t.label}, {fmt.Sprintf("%.2f", s.Load[2]), t.label}}
	}
	if s.Known&collect.SysKnownUptime != 0 {
		segs[2][1] = seg{uptime(s.Uptime), t.value}
	}
	for i, line := range segs {
		cx := x
		for _, sg := range line {
			if cx >= x+w {
				break
			}
			cx = put(screen, cx, y+i, sg.text, sg.style)
		}
	}
}

// seg is a piece of text in one style.
type seg struct {
	text  string
	style tcell.Style
}

// put draws ASCII text at (x, y) and returns the column after it.
func put(screen tcell.Screen, x, y int, s string, st tcell.Style) int {
	for _, r := range s {
		screen.SetContent(x, y, r, nil, st)
		x++
	}
	return x
}
