package ui

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pidtop/pidtop/internal/collect"
)

// collectInspector asks the collector's platform code for a process's details
// (collect.Inspect) and lays them out as the pane's facts.
type collectInspector struct{}

func platformInspector() Inspector { return collectInspector{} }

func (collectInspector) Inspect(id collect.ID) (Facts, error) {
	d, err := collect.Inspect(id)
	if errors.Is(err, collect.ErrExited) {
		return Facts{OpenFiles: -1}, ErrExited
	}
	if err != nil {
		return Facts{OpenFiles: -1}, err
	}
	return factsOf(&d), nil
}

// factsOf formats the details for the pane.
func factsOf(d *collect.Details) Facts {
	f := Facts{Exe: d.Exe, Cwd: d.Cwd, Cgroup: d.Cgroup, OpenFiles: d.OpenFiles, Problems: d.Problems}
	add := func(name, v string) { f.Fields = append(f.Fields, Fact{name, v}) }
	if d.HasIDs {
		add("UIDs r/e/s/fs", fmt.Sprintf("%d %d %d %d", d.UIDs[0], d.UIDs[1], d.UIDs[2], d.UIDs[3]))
		add("GIDs r/e/s/fs", fmt.Sprintf("%d %d %d %d", d.GIDs[0], d.GIDs[1], d.GIDs[2], d.GIDs[3]))
	}
	if d.TracerPID != 0 {
		add("Traced by", strconv.Itoa(int(d.TracerPID)))
	}
	for _, m := range d.Memory {
		add(m.Name, human(m.Bytes))
	}
	if d.HasCtx {
		add("Ctx switches", fmt.Sprintf("%d voluntary, %d involuntary", d.CtxVoluntary, d.CtxInvoluntary))
	}
	if io := d.IO; io != nil {
		add("I/O read", fmt.Sprintf("%s from storage, %s by read calls (%d calls)",
			human(io.ReadBytes), human(io.RChar), io.SyscR))
		add("I/O written", fmt.Sprintf("%s to storage, %s by write calls (%d calls), %s cancelled",
			human(io.WriteBytes), human(io.WChar), io.SyscW, human(io.CancelledWriteBytes)))
	}
	return f
}
