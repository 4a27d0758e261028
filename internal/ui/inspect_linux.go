package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/procfs"
)

// procInspector reads the details pane's facts from /proc, checking first that
// the PID still belongs to the process the user saw (stat's start time).
type procInspector struct{ root string }

func platformInspector() Inspector { return procInspector{root: "/proc"} }

// Inspect reads /proc/PID/{stat,status,io,exe,cwd,fd}. What cannot be read
// (another user's process) is listed in Problems; the error is for a process
// that is gone.
func (pi procInspector) Inspect(id collect.ID) (Facts, error) {
	dir := filepath.Join(pi.root, strconv.Itoa(int(id.PID)))
	f := Facts{OpenFiles: -1}
	b, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return f, ErrExited
		}
		return f, fmt.Errorf("read %s/stat: %w", dir, err)
	}
	var st procfs.Stat
	if err := procfs.ParseStat(b, &st); err != nil {
		return f, err
	}
	if id.Start != 0 && st.StartTime != id.Start {
		return f, ErrExited
	}
	problem := func(what string, err error) { f.Problems = append(f.Problems, what+": "+errText(err)) }
	if f.Exe, err = os.Readlink(filepath.Join(dir, "exe")); err != nil {
		problem("exe", err)
	}
	if f.Cwd, err = os.Readlink(filepath.Join(dir, "cwd")); err != nil {
		problem("cwd", err)
	}
	if d, err := os.Open(filepath.Join(dir, "fd")); err != nil {
		problem("fd", err)
	} else {
		names, err := d.Readdirnames(-1)
		d.Close()
		if err != nil {
			problem("fd", err)
		} else {
			f.OpenFiles = len(names)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "status")); err != nil {
		problem("status", err)
	} else if err := pi.status(b, &f); err != nil {
		problem("status", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "io")); err != nil {
		problem("io", err)
	} else if err := pi.io(b, &f); err != nil {
		problem("io", err)
	}
	return f, nil
}

func (procInspector) status(b []byte, f *Facts) error {
	var s procfs.Status
	if err := procfs.ParseStatus(b, &s); err != nil {
		return err
	}
	add := func(name, v string) { f.Fields = append(f.Fields, Fact{name, v}) }
	add("UIDs r/e/s/fs", fmt.Sprintf("%d %d %d %d", s.Uid[0], s.Uid[1], s.Uid[2], s.Uid[3]))
	add("GIDs r/e/s/fs", fmt.Sprintf("%d %d %d %d", s.Gid[0], s.Gid[1], s.Gid[2], s.Gid[3]))
	if s.TracerPid != 0 {
		add("Traced by", strconv.Itoa(int(s.TracerPid)))
	}
	mem := []struct {
		name string
		bit  procfs.StatusField
		v    uint64
	}{
		{"VmPeak", procfs.StatusVmPeak, s.VmPeak}, {"VmHWM", procfs.StatusVmHWM, s.VmHWM},
		{"RssAnon", procfs.StatusRssAnon, s.RssAnon}, {"RssFile", procfs.StatusRssFile, s.RssFile},
		{"RssShmem", procfs.StatusRssShmem, s.RssShmem}, {"VmData", procfs.StatusVmData, s.VmData},
		{"VmStk", procfs.StatusVmStk, s.VmStk}, {"VmLck", procfs.StatusVmLck, s.VmLck},
		{"VmSwap", procfs.StatusVmSwap, s.VmSwap},
	}
	for _, m := range mem {
		if s.Has(m.bit) {
			add(m.name, human(m.v))
		}
	}
	if s.Has(procfs.StatusCtxtSwitches) {
		add("Ctx switches", fmt.Sprintf("%d voluntary, %d involuntary", s.VoluntaryCtxtSwitches, s.NonvoluntaryCtxtSwitches))
	}
	return nil
}

func (procInspector) io(b []byte, f *Facts) error {
	var io procfs.IO
	if err := procfs.ParseIO(b, &io); err != nil {
		return err
	}
	f.Fields = append(f.Fields,
		Fact{"I/O read", fmt.Sprintf("%s from storage, %s by read calls (%d calls)", human(io.ReadBytes), human(io.RChar), io.SyscR)},
		Fact{"I/O written", fmt.Sprintf("%s to storage, %s by write calls (%d calls), %s cancelled",
			human(io.WriteBytes), human(io.WChar), io.SyscW, human(io.CancelledWriteBytes))})
	return nil
}

// errText is an error as the pane shows it: the cause without the path.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
