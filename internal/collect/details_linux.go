package collect

import (
	"errors"
	"io/fs"

	"github.com/pidtop/pidtop/internal/procfs"
)

// Inspect reads /proc/PID/{stat,status,io,exe,cwd,fd} for the details pane,
// checking first that the PID still belongs to id (stat's start time). What
// cannot be read (another user's process) is listed in Problems.
func Inspect(id ID) (Details, error) { return inspectAt("/proc", id) }

func inspectAt(root string, id ID) (Details, error) {
	d := Details{OpenFiles: -1}
	dir, err := openProc(root, id)
	if err != nil {
		return d, err
	}
	defer dir.close()
	problem := func(what string, err error) { d.Problems = append(d.Problems, what+": "+errText(err)) }
	if d.Exe, err = dir.readlink("exe"); err != nil {
		problem("exe", err)
	}
	if d.Cwd, err = dir.readlink("cwd"); err != nil {
		problem("cwd", err)
	}
	if b, err := dir.read("cgroup"); err != nil {
		problem("cgroup", err)
	} else {
		d.Cgroup = procfs.ParseCgroup(b)
	}
	if fds, err := dir.numbers("fd"); err != nil {
		problem("fd", err)
	} else {
		d.OpenFiles = len(fds)
	}
	if b, err := dir.read("status"); err != nil {
		problem("status", err)
	} else if err := d.status(b); err != nil {
		problem("status", err)
	}
	if b, err := dir.read("io"); err != nil {
		problem("io", err)
	} else {
		var io procfs.IO
		if err := procfs.ParseIO(b, &io); err != nil {
			problem("io", err)
		} else {
			d.IO = &IOCounters{ReadBytes: io.ReadBytes, WriteBytes: io.WriteBytes, RChar: io.RChar,
				WChar: io.WChar, SyscR: io.SyscR, SyscW: io.SyscW, CancelledWriteBytes: io.CancelledWriteBytes}
		}
	}
	return d, nil
}

// status takes the IDs, the memory breakdown and the context switches.
func (d *Details) status(b []byte) error {
	var s procfs.Status
	if err := procfs.ParseStatus(b, &s); err != nil {
		return err
	}
	d.HasIDs, d.UIDs, d.GIDs, d.TracerPID = true, s.Uid, s.Gid, s.TracerPid
	for _, m := range []struct {
		name string
		bit  procfs.StatusField
		v    uint64
	}{
		{"VmPeak", procfs.StatusVmPeak, s.VmPeak}, {"VmHWM", procfs.StatusVmHWM, s.VmHWM},
		{"RssAnon", procfs.StatusRssAnon, s.RssAnon}, {"RssFile", procfs.StatusRssFile, s.RssFile},
		{"RssShmem", procfs.StatusRssShmem, s.RssShmem}, {"VmData", procfs.StatusVmData, s.VmData},
		{"VmStk", procfs.StatusVmStk, s.VmStk}, {"VmLck", procfs.StatusVmLck, s.VmLck},
		{"VmSwap", procfs.StatusVmSwap, s.VmSwap},
	} {
		if s.Has(m.bit) {
			d.Memory = append(d.Memory, Amount{m.name, m.v})
		}
	}
	if s.Has(procfs.StatusCtxtSwitches) {
		d.HasCtx, d.CtxVoluntary, d.CtxInvoluntary = true, s.VoluntaryCtxtSwitches, s.NonvoluntaryCtxtSwitches
	}
	return nil
}

// errText is the cause of a path error without the path.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
