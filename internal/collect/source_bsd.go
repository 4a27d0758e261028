//go:build darwin || freebsd

package collect

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/pidtop/pidtop/internal/sysctl"
)

// bsdProc is what the macOS and FreeBSD sources remember of one PID (or, on
// FreeBSD, TID) between ticks: what costs an extra call and changes only at exec.
type bsdProc struct {
	start   uint64 // p_starttime / ki_start in µs: with the PID, the identity
	comm    string // last command (or thread) name; a change means exec
	info    *Info  // shared with the rows: never written, replaced
	known   Known  // KnownCmdline, KnownExe when they were read
	denied  bool   // macOS: the task cannot be read (another user's): do not ask again
	sid     int32  // macOS: getsid, read again when the PGID changes (setsid moves both)
	sidPGID int32
	sidOK   bool
	seen    uint32
}

// bsdCache holds the bsdProc of every live PID and the readers for what it
// remembers. One goroutine (the collector's) owns it.
type bsdCache struct {
	m         map[int32]*bsdProc
	sweep     uint32
	everyTick bool // re-read command lines every tick
	args      sysctl.ArgsReader
	users     userCache
	ttys      ttyNames
}

func newBSDCache() bsdCache {
	return bsdCache{
		m:     make(map[int32]*bsdProc),
		users: userCache{load: func() (io.ReadCloser, error) { return os.Open("/etc/passwd") }},
		ttys:  ttyNames{names: make(map[uint64]string)},
	}
}

// begin starts a tick.
func (c *bsdCache) begin(o readOptions) {
	c.sweep++
	c.everyTick = o.CmdlineEveryTick
}

// end forgets the PIDs that were not seen this tick.
func (c *bsdCache) end() {
	for id, e := range c.m {
		if e.seen != c.sweep {
			delete(c.m, id)
		}
	}
}

// entry returns the cache entry of the task with ID id whose name is name,
// making it when the identity is new. Unless noExec (a thread, a kernel
// process), it reads the command line and executable when the process is new,
// exec'd (its name changed) or due for a per-tick refresh. nil means the
// process vanished meanwhile.
func (c *bsdCache) entry(id int32, start uint64, name []byte, noExec bool, cost *Cost) *bsdProc {
	e := c.m[id]
	fresh := e == nil || e.start != start
	if fresh {
		e = &bsdProc{start: start, comm: string(name)}
		c.m[id] = e
	}
	e.seen = c.sweep
	renamed := string(name) != e.comm
	if renamed {
		e.comm = string(name)
	}
	if noExec || !(fresh || renamed || c.everyTick) {
		return e
	}
	if err := c.readExec(id, e, cost); errors.Is(err, sysctl.ErrNoProcess) {
		delete(c.m, id)
		cost.Vanished++
		return nil
	}
	return e
}

// readExec reads the command line and the executable path of pid into e. A
// field the kernel refuses stays unknown and is counted as denied.
func (c *bsdCache) readExec(pid int32, e *bsdProc, cost *Cost) error {
	info := e.info.clone()
	defer func() {
		if e.info == nil || !info.same(e.info) {
			e.info = &info
		}
	}()
	a, err := c.args.Args(pid)
	switch {
	case err == nil:
		info.Cmdline, info.Argv0Len, info.ArgSeps = joinArgs(a.Argv)
		e.known |= KnownCmdline
	case errors.Is(err, sysctl.ErrNoProcess):
		return err
	default:
		cost.Denied++
	}
	exe, err := c.args.Exe(pid)
	if errors.Is(err, sysctl.ErrNoProcess) {
		return err
	}
	if (err != nil || exe == "") && a.Exec != "" {
		exe, err = a.Exec, nil // macOS: the path given to execve, when libproc has none
	}
	switch {
	case err == nil:
		info.Exe, e.known = exe, e.known|KnownExe
	case errors.Is(err, fs.ErrPermission):
		cost.Denied++
	}
	return nil
}

// joinArgs joins argv with spaces, as a Linux cmdline reads, and returns the
// offsets of the separating spaces (Info.ArgSeps) and the
// byte length of argv[0] in it.
func joinArgs(argv []string) (string, int32, []int32) {
	if len(argv) == 0 {
		return "", 0, nil
	}
	var seps []int32
	n := 0
	for _, a := range argv[:len(argv)-1] {
		n += len(a)
		seps = append(seps, int32(n))
		n++
	}
	return strings.Join(argv, " "), int32(len(argv[0])), seps
}

// process builds the neutral record of a kinfo_proc and its cache entry: the
// fields both systems fill from the one grouped read. The caller adds the rest.
func (c *bsdCache) process(k *sysctl.KinfoProc, e *bsdProc) Process {
	if e.info == nil || e.info.UID != k.RUID || e.info.User == "" {
		info := e.info.clone()
		info.UID, info.User = k.RUID, c.users.name(k.RUID)
		e.info = &info
	}
	p := Process{
		ID:        ID{PID: k.PID, Start: e.start},
		PPID:      k.PPID,
		PGID:      k.PGID,
		SID:       k.SID,
		TGID:      k.PID,
		Priority:  k.Priority,
		Nice:      int32(k.Nice),
		TTY:       c.ttys.name(k.TDev),
		StartedNs: int64(e.start) * 1000,
		Name:      e.comm,
		Info:      e.info,
		Known:     KnownPPID | KnownPGID | KnownUser | KnownPriority | KnownStart | KnownTTY | e.known,
	}
	if k.Kernel {
		p.Flags |= FlagKernelThread
		p.Known |= KnownCmdline // a kernel process has no command line: empty is the truth
	}
	return p
}

// bsdSystem copies the parts both systems read alike into dst: CPU ticks,
// swap, load and uptime. Memory differs and is the caller's.
func bsdSystem(info *sysctl.SysInfo, dst *rawSystem) {
	if len(info.CPUs) > 0 {
		dst.cpus = make([]cpuTimes, len(info.CPUs))
		for i, t := range info.CPUs {
			c := cpuTimes{User: t.User, Nice: t.Nice, System: t.System, IRQ: t.Intr, Idle: t.Idle}
			dst.cpus[i] = c
			dst.cpuTotal.add(c)
		}
		dst.Known |= SysKnownCPU
	}
	if info.SwapOK {
		dst.Swap = Swap{Total: info.Swap.Total, Used: info.Swap.Used}
		dst.Known |= SysKnownSwap
	}
	if info.LoadOK {
		dst.Load = info.Load
		dst.Known |= SysKnownLoad
	}
	if !info.Boot.IsZero() {
		dst.Uptime = time.Since(info.Boot)
		dst.Known |= SysKnownUptime
	}
	dst.Hostname, _ = os.Hostname()
}

// noteErr files a failed grouped read under the tick's errors; the records read
// before the failure are still used.
func noteErr(cost *Cost, err error) {
	if err != nil {
		cost.Errors++
		cost.LastErr = err.Error()
	}
}

// subSat is a - b, or 0 when b is larger.
func subSat(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}
