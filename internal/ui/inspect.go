package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/collect"
)

// Inspector reads, on demand, what the details pane shows beyond the snapshot:
// the working directory, open files, memory and I/O detail. It runs off the UI
// goroutine. Tests and platforms without one use a fake or nothing.
type Inspector interface {
	Inspect(id collect.ID) (Facts, error)
}

// Facts are one process's details. Values are as the OS gave them; the pane
// sanitizes them.
type Facts struct {
	Exe       string // executable path, "" if unknown
	Cwd       string // working directory, "" if unknown
	Cgroup    string // cgroup path, "" if unknown
	OpenFiles int    // open file descriptors, -1 if unknown
	Fields    []Fact // further figures in display order (status, io)
	Problems  []string
}

// Fact is one named figure of the details pane.
type Fact struct{ Name, Value string }

// ErrExited is returned by an Inspector when the PID now belongs to another
// process, or to none.
var ErrExited = errors.New("the process has exited")

// openDetails shows the selected process: the snapshot's figures at once, the
// inspector's when they arrive.
func (r *runner) openDetails() {
	p := r.v.selected()
	if p == nil {
		return
	}
	proc := *p
	tv := tview.NewTextView().SetWrap(true).SetDynamicColors(false)
	tv.SetBackgroundColor(tcell.ColorDefault)
	tv.SetBorder(true).SetTitle(fmt.Sprintf(" Process %d — Esc to return ", proc.PID))
	tv.SetText(detailsText(&proc, nil, "reading…"))
	tv.SetInputCapture(r.closeKeys("details"))
	r.overlay("details", tv)
	r.details = proc.ID
	ins := r.cfg.Inspector
	if ins == nil {
		ins = platformInspector()
	}
	if ins == nil {
		tv.SetText(detailsText(&proc, nil, "no further details on this platform"))
		return
	}
	go func() {
		defer r.recoverGo()
		f, err := ins.Inspect(proc.ID)
		note := ""
		if err != nil {
			note = "details unavailable: " + err.Error()
		}
		r.post(func() {
			if r.details == proc.ID {
				tv.SetText(detailsText(&proc, &f, note))
			}
		})
	}()
}

// detailsText lays out the pane: the snapshot's figures, then the inspector's.
func detailsText(p *collect.Process, f *Facts, note string) string {
	var b strings.Builder
	row := func(name, value string) { fmt.Fprintf(&b, "%-14s %s\n", name+":", Sanitize(value)) }
	known := func(k collect.Known, s string) string {
		if !p.Known.Has(k) {
			return "N/A"
		}
		return s
	}
	cmd := p.Cmdline()
	if cmd == "" {
		cmd = "[" + p.Name + "]"
	}
	row("Command", cmd)
	row("Name", p.Name)
	row("PID", fmt.Sprintf("%d   parent %s   group %s   session %s", p.PID,
		known(collect.KnownPPID, fmt.Sprint(p.PPID)), known(collect.KnownPGID, fmt.Sprint(p.PGID)),
		known(collect.KnownPGID, fmt.Sprint(p.SID))))
	row("User", known(collect.KnownUser, fmt.Sprintf("%s (uid %d)", p.User(), p.UID())))
	row("State", known(collect.KnownState, string(rune(p.State))))
	row("Priority", known(collect.KnownPriority, fmt.Sprintf("%d   nice %d", p.Priority, p.Nice)))
	row("Threads", known(collect.KnownThreads, fmt.Sprint(p.Threads)))
	row("Started", known(collect.KnownStart, p.Started().Format("2006-01-02 15:04:05")))
	row("CPU", known(collect.KnownCPU, fmt.Sprintf("%.1f%%   user %s   system %s", p.CPUPercent,
		cpuTime(p.UserTime), cpuTime(p.SystemTime))))
	row("Memory", known(collect.KnownRes, fmt.Sprintf("%.1f%%   virt %s   res %s", p.MemPercent,
		human(p.VirtBytes), human(p.ResBytes))))
	row("TTY", known(collect.KnownTTY, p.TTY))
	cgroup := known(collect.KnownCgroup, p.Cgroup())
	if f != nil && f.Cgroup != "" {
		cgroup = f.Cgroup
	}
	row("Cgroup", cgroup)
	exe := known(collect.KnownExe, p.Exe())
	if f != nil && f.Exe != "" {
		exe = f.Exe
	}
	row("Executable", exe)
	if f != nil {
		row("Working dir", orNA(f.Cwd))
		files := "N/A"
		if f.OpenFiles >= 0 {
			files = fmt.Sprint(f.OpenFiles)
		}
		row("Open files", files)
		for _, fa := range f.Fields {
			row(fa.Name, fa.Value)
		}
		for _, pr := range f.Problems {
			row("Unreadable", pr)
		}
	}
	if note != "" {
		b.WriteString("\n" + Sanitize(note) + "\n")
	}
	return b.String()
}

func orNA(s string) string {
	if s == "" {
		return "N/A"
	}
	return s
}
