package ui

import (
	"fmt"
	"slices"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
)

// meters is the header above the table: two columns of meters, each the
// settings' list top to bottom (Settings.Left, Settings.Right), each meter a
// bar or text. The defaults draw htop's default header: per-CPU bars, the
// average CPU, Mem and Swap bars on the left; Tasks, Load average and Uptime on
// the right.
//
// The CPU meter lays out its CPUs in one column up to 4 CPUs, two up to 16,
// four beyond. With more than 4 CPUs, a CPU meter that is first in its column
// (the left one's, if both) spans the whole header and the columns start below
// it: that is htop's default of its left-half and right-half CPU meters side
// by side, which would otherwise take two settings to say. Its "Avg" line
// stays in its column.
type meters struct {
	*tview.Box
	th          *theme
	sys         *collect.System
	left, right []config.Meter
	fromOne     bool          // CPUs numbered from 1 (Settings.CPUCountFromOne)
	styles      []tcell.Style // bar's scratch, reused: a bar per CPU per frame
}

func newMeters(th *theme) *meters {
	d := config.Defaults()
	return &meters{Box: tview.NewBox(), th: th, sys: &collect.System{}, left: d.Left, right: d.Right}
}

// configure sets the columns' meters and the CPU numbering; the caller
// resizes the header (height follows the meters).
func (m *meters) configure(left, right []config.Meter, fromOne bool) {
	m.left, m.right, m.fromOne = slices.Clone(left), slices.Clone(right), fromOne
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

// wide is the column (0 left, 1 right) whose first meter, the CPUs, spans the
// whole header, or -1.
func (m *meters) wide() int {
	if len(m.sys.CPUs) <= 4 {
		return -1
	}
	for i, col := range [2][]config.Meter{m.left, m.right} {
		if len(col) > 0 && col[0].Name == "cpus" {
			return i
		}
	}
	return -1
}

// cpuRows is the number of lines n CPUs take in c columns.
func cpuRows(n, c int) int { return (n + c - 1) / c }

// lines is how many lines meter mt takes in its column; spanned: its CPUs are
// drawn above the columns.
func (m *meters) lines(mt config.Meter, spanned bool) int {
	switch mt.Name {
	case "cpus":
		n, h := len(m.sys.CPUs), 0
		if !spanned {
			h = cpuRows(n, cpuColumns(n))
		}
		if n > 1 {
			h++ // Avg
		}
		return h
	case "memory", "swap", "tasks", "load", "uptime":
		return 1
	}
	return 0 // a name this version does not know draws nothing
}

// columnLines is the height of one column of meters.
func (m *meters) columnLines(col []config.Meter, spans bool) int {
	h := 0
	for i, mt := range col {
		h += m.lines(mt, spans && i == 0)
	}
	return h
}

// height is the number of lines the header needs, its blank last line
// included; 0 when no meter is configured.
func (m *meters) height() int {
	w, h := m.wide(), 0
	if w >= 0 {
		n := len(m.sys.CPUs)
		h = cpuRows(n, cpuColumns(n))
	}
	h += max(m.columnLines(m.left, w == 0), m.columnLines(m.right, w == 1))
	if h == 0 {
		return 0
	}
	return h + 1
}

// Draw draws the meters into the box.
func (m *meters) Draw(screen tcell.Screen) {
	m.DrawForSubclass(screen, m)
	x, y, w, _ := m.GetInnerRect()
	half := w / 2
	wide := m.wide()
	if wide >= 0 {
		col := [2][]config.Meter{m.left, m.right}[wide]
		y += m.cpuGrid(screen, x, y, w, col[0].Mode == config.ModeText)
	}
	m.column(screen, m.left, x, y, half-1, wide == 0)
	m.column(screen, m.right, x+half+1, y, w-half-1, wide == 1)
}

// column draws one column's meters from (x, y) down, w wide; spans: its first
// meter's CPUs are drawn above the columns.
func (m *meters) column(screen tcell.Screen, col []config.Meter, x, y, w int, spans bool) {
	for i, mt := range col {
		text := mt.Mode == config.ModeText
		switch mt.Name {
		case "cpus":
			if !spans || i > 0 {
				y += m.cpuGrid(screen, x, y, w+1, text) // w+1: the grid counts the gap after it
			}
			if len(m.sys.CPUs) > 1 {
				m.cpu(screen, x, y, w, "Avg", m.sys.CPUTotal, text)
				y++
			}
			continue
		case "memory":
			m.memory(screen, x, y, w, text)
		case "swap":
			m.swap(screen, x, y, w, text)
		case "tasks":
			m.tasks(screen, x, y, w)
		case "load":
			m.load(screen, x, y, w, text)
		case "uptime":
			m.uptimeText(screen, x, y, w)
		default:
			continue // see lines
		}
		y++
	}
}

// cpuGrid draws every CPU in cpuColumns columns across w (each column's last
// cell is the gap before the next) and returns the lines it took.
func (m *meters) cpuGrid(screen tcell.Screen, x, y, w int, text bool) int {
	n := len(m.sys.CPUs)
	cols := cpuColumns(n)
	rows, cw := cpuRows(n, cols), w/cols
	for i := range m.sys.CPUs {
		c, r := i/rows, i%rows
		m.cpu(screen, x+c*cw, y+r, cw-1, m.cpuLabel(i), m.sys.CPUs[i], text)
	}
	return rows
}

// cpuLabel is CPU i's number, right-aligned to the widest, at least 3 as
// htop draws them; counted from 1 when the settings say so.
func (m *meters) cpuLabel(i int) string {
	n, first := len(m.sys.CPUs), 0
	if m.fromOne {
		first = 1
	}
	width := max(3, len(fmt.Sprint(n-1+first)))
	return fmt.Sprintf("%*d", width, i+first)
}

// part is one coloured segment of a bar, as a fraction of the whole.
type part struct {
	frac  float64
	style tcell.Style
}

// cpu draws one CPU's (or the average's) meter.
func (m *meters) cpu(screen tcell.Screen, x, y, w int, label string, c collect.CPUShare, text bool) {
	if text {
		m.cpuText(screen, x, y, w, label, c)
		return
	}
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

func (m *meters) memory(screen tcell.Screen, x, y, w int, text bool) {
	if text {
		m.memText(screen, x, y, w)
		return
	}
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

func (m *meters) swap(screen tcell.Screen, x, y, w int, text bool) {
	if text {
		m.swapText(screen, x, y, w)
		return
	}
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

// load draws the load average. As a bar (htop's Load meter) it is the
// 1-minute figure against the number of CPUs, full at one waiting task per
// CPU, coloured as htop does: under 1, under the CPU count, at or over it.
func (m *meters) load(screen tcell.Screen, x, y, w int, text bool) {
	if text {
		m.loadText(screen, x, y, w)
		return
	}
	s := m.sys
	if s.Known&collect.SysKnownLoad == 0 {
		m.bar(screen, x, y, w, "Load", nil, "N/A")
		return
	}
	cpus := float64(max(len(s.CPUs), 1))
	st := m.th.loadOK
	switch {
	case s.Load[0] >= cpus:
		st = m.th.loadOver
	case s.Load[0] >= 1:
		st = m.th.loadHigh
	}
	m.bar(screen, x, y, w, "Load", []part{{min(s.Load[0]/cpus, 1), st}},
		fmt.Sprintf("%.2f/%.2f/%.2f", s.Load[0], s.Load[1], s.Load[2]))
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
