package control

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ioprio_set(2)'s "which" for a single task, and where the class sits.
const (
	ioprioWhoProcess = 1
	ioprioClassShift = 13
)

func setIOPriorityOS(t Target, p IOPriority, o Options) (Result, error) {
	level := p.Level
	if p.Class == IOClassNone || p.Class == IOClassIdle {
		level = 0 // the kernel takes no level with these classes
	}
	return checked(t, o, "set the I/O priority of", func() error {
		_, _, e := unix.Syscall(unix.SYS_IOPRIO_SET, ioprioWhoProcess, uintptr(t.PID), uintptr(int(p.Class)<<ioprioClassShift|level))
		return kernelErr("set the I/O priority "+p.String()+" of", t, errno(e))
	})
}

func ioPriorityOS(t Target, o Options) (IOPriority, error) {
	var p IOPriority
	_, err := checked(t, o, "read the I/O priority of", func() error {
		v, _, e := unix.Syscall(unix.SYS_IOPRIO_GET, ioprioWhoProcess, uintptr(t.PID), 0)
		if e != 0 {
			return kernelErr("read the I/O priority of", t, e)
		}
		p = IOPriority{Class: IOClass(v >> ioprioClassShift), Level: int(v & (1<<ioprioClassShift - 1))}
		return nil
	})
	return p, err
}

func setAffinityOS(t Target, cpus []int, o Options) (Result, error) {
	var set unix.CPUSet
	for _, c := range cpus {
		set.Set(c)
	}
	return checked(t, o, "set the CPU affinity of", func() error {
		return kernelErr("set the CPU affinity of", t, unix.SchedSetaffinity(t.PID, &set))
	})
}

func affinityOS(t Target, o Options) ([]int, error) {
	var cpus []int
	_, err := checked(t, o, "read the CPU affinity of", func() error {
		var set unix.CPUSet
		if err := unix.SchedGetaffinity(t.PID, &set); err != nil {
			return kernelErr("read the CPU affinity of", t, err)
		}
		for c := range maxCPUs {
			if set.IsSet(c) {
				cpus = append(cpus, c)
			}
		}
		return nil
	})
	return cpus, err
}

// linuxPolicies are sched(7)'s policies that sched_setscheduler takes
// (SCHED_DEADLINE needs sched_setattr and parameters htop does not offer).
var linuxPolicies = []Policy{
	{Num: unix.SCHED_NORMAL, Name: "SCHED_OTHER"},
	{Num: unix.SCHED_BATCH, Name: "SCHED_BATCH"},
	{Num: unix.SCHED_IDLE, Name: "SCHED_IDLE"},
	{Num: unix.SCHED_FIFO, Name: "SCHED_FIFO", Realtime: true},
	{Num: unix.SCHED_RR, Name: "SCHED_RR", Realtime: true},
}

func policiesOS() []Policy { return append([]Policy(nil), linuxPolicies...) }

// schedParam is struct sched_param.
type schedParam struct{ priority int32 }

// setPolicyOS uses sched_setscheduler, which leaves the nice value as it is
// (sched_setattr would set it too).
func setPolicyOS(t Target, p Policy, prio int, o Options) (Result, error) {
	param := schedParam{priority: int32(prio)}
	return checked(t, o, "set the scheduling policy of", func() error {
		_, _, e := unix.Syscall(unix.SYS_SCHED_SETSCHEDULER, uintptr(t.PID), uintptr(p.Num), uintptr(unsafe.Pointer(&param)))
		return kernelErr(fmt.Sprintf("set %s (priority %d) on", p.Name, prio), t, errno(e))
	})
}

func policyOS(t Target, o Options) (Policy, int, error) {
	var pol Policy
	var param schedParam
	_, err := checked(t, o, "read the scheduling policy of", func() error {
		v, _, e := unix.Syscall(unix.SYS_SCHED_GETSCHEDULER, uintptr(t.PID), 0, 0)
		if e != 0 {
			return kernelErr("read the scheduling policy of", t, e)
		}
		if _, _, e := unix.Syscall(unix.SYS_SCHED_GETPARAM, uintptr(t.PID), uintptr(unsafe.Pointer(&param)), 0); e != 0 {
			return kernelErr("read the scheduling priority of", t, e)
		}
		num := int(v) &^ unix.SCHED_RESET_ON_FORK
		pol = Policy{Num: num, Name: fmt.Sprintf("policy %d", num)}
		for _, p := range linuxPolicies {
			if p.Num == num {
				pol = p
			}
		}
		return nil
	})
	return pol, int(param.priority), err
}

// errno is nil for 0, else the errno: a raw syscall's answer as an error.
func errno(e unix.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}

// checked runs op, a call on t's PID, where it reaches t and no other
// process, as Renice does: with a pidfd held, t is checked before and shown
// alive (so never reaped, so its PID never reused) after; on the fallback
// its start time is checked before and after. op wraps its own errors.
func checked(t Target, o Options, what string, op func() error) (Result, error) {
	if !o.ForcePoll {
		fd, err := pin(t)
		if err == nil {
			defer unix.Close(fd)
			if err := op(); err != nil {
				return Result{Path: PathPidfd}, err
			}
			if err := alive(fd, t.PID); err != nil {
				return Result{Path: PathPidfd}, fmt.Errorf("%s: %w", what, err)
			}
			return Result{Path: PathPidfd}, nil
		}
		if !errors.Is(err, errRefused) {
			return Result{Path: PathUnknown}, err
		}
	}
	if _, _, err := checkStat(t); err != nil {
		return Result{Path: PathUnknown}, err
	}
	if err := op(); err != nil {
		return Result{Path: PathKill}, err
	}
	if _, _, err := checkStat(t); err != nil {
		return Result{Path: PathKill}, fmt.Errorf("%s: the target changed during the call: %w", what, err)
	}
	return Result{Path: PathKill}, nil
}

const (
	hasIOPriority = true
	hasAffinity   = true
)
