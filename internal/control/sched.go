package control

import "fmt"

// The scheduling actions: I/O priority (htop's i), CPU affinity (a) and
// scheduling policy (Y). Each goes through the same identity check as Send
// and returns the kernel's refusal wrapped; where the platform has no such
// call the error wraps ErrUnsupported.

// IOClass is an I/O scheduling class, as ioprio_set(2) numbers them.
type IOClass int

// The I/O classes.
const (
	IOClassNone       IOClass = 0 // no class set: best effort, level from the nice value
	IOClassRealtime   IOClass = 1
	IOClassBestEffort IOClass = 2
	IOClassIdle       IOClass = 3
)

// IOLevels is the number of levels within the realtime and best-effort
// classes: 0 is served first, 7 last.
const IOLevels = 8

// IOPriority is a class and, within realtime and best effort, a level.
type IOPriority struct {
	Class IOClass
	Level int
}

// String names the priority as ionice and htop's IO column do: "be/4", "rt/0",
// "idle", "none".
func (p IOPriority) String() string {
	switch p.Class {
	case IOClassRealtime:
		return fmt.Sprintf("rt/%d", p.Level)
	case IOClassBestEffort:
		return fmt.Sprintf("be/%d", p.Level)
	case IOClassIdle:
		return "idle"
	}
	return "none"
}

func (p IOPriority) check() error {
	if p.Class < IOClassNone || p.Class > IOClassIdle || p.Level < 0 || p.Level >= IOLevels {
		return fmt.Errorf("I/O priority class %d level %d: %w", p.Class, p.Level, ErrBadValue)
	}
	return nil
}

// Policy is a scheduling policy of the platform's.
type Policy struct {
	Num      int    // the number passed to the kernel
	Name     string // e.g. "SCHED_FIFO"
	Realtime bool   // takes a static priority (MinRT..MaxRT); others take none
}

// The static priority range of the realtime policies.
const (
	MinRT = 1
	MaxRT = 99
)

// SetIOPriority sets t's I/O priority (Linux: ioprio_set) after the identity
// check of Send. Linux keeps it per thread: like htop and ionice this sets
// the one of the thread whose TID is the PID.
func SetIOPriority(t Target, p IOPriority, o Options) (Result, error) {
	if err := t.check(); err != nil {
		return Result{Path: PathUnknown}, err
	}
	if err := p.check(); err != nil {
		return Result{Path: PathUnknown}, err
	}
	return setIOPriorityOS(t, p, o)
}

// IOPriorityOf reads t's I/O priority, after the same identity check.
func IOPriorityOf(t Target, o Options) (IOPriority, error) {
	if err := t.check(); err != nil {
		return IOPriority{}, err
	}
	return ioPriorityOS(t, o)
}

// SetAffinity lets t run only on the given CPUs (numbered from 0), after the
// identity check. Linux keeps affinity per thread: this sets the one of the
// thread whose TID is the PID, as htop and taskset -p do.
func SetAffinity(t Target, cpus []int, o Options) (Result, error) {
	if err := t.check(); err != nil {
		return Result{Path: PathUnknown}, err
	}
	if len(cpus) == 0 {
		return Result{Path: PathUnknown}, fmt.Errorf("no CPU chosen: %w", ErrBadValue)
	}
	for _, c := range cpus {
		if c < 0 || c >= maxCPUs {
			return Result{Path: PathUnknown}, fmt.Errorf("CPU %d: %w", c, ErrBadValue)
		}
	}
	return setAffinityOS(t, cpus, o)
}

// AffinityOf reads the CPUs t may run on, after the identity check.
func AffinityOf(t Target, o Options) ([]int, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return affinityOS(t, o)
}

// Policies lists the platform's scheduling policies, in menu order; none
// where the platform offers no way to change them.
func Policies() []Policy { return policiesOS() }

// SetPolicy sets t's scheduling policy and, for a realtime policy, its static
// priority (MinRT..MaxRT), after the identity check. Per thread on Linux, as
// the others.
func SetPolicy(t Target, p Policy, prio int, o Options) (Result, error) {
	if err := t.check(); err != nil {
		return Result{Path: PathUnknown}, err
	}
	if p.Realtime && (prio < MinRT || prio > MaxRT) || !p.Realtime && prio != 0 {
		return Result{Path: PathUnknown}, fmt.Errorf("%s with priority %d: %w", p.Name, prio, ErrBadValue)
	}
	return setPolicyOS(t, p, prio, o)
}

// PolicyOf reads t's scheduling policy and static priority.
func PolicyOf(t Target, o Options) (Policy, int, error) {
	if err := t.check(); err != nil {
		return Policy{}, 0, err
	}
	return policyOS(t, o)
}

// maxCPUs bounds a CPU number: Linux's cpu_set_t holds 1024.
const maxCPUs = 1024

// unsupported is the error of an action this platform does not have.
func unsupported(what string, t Target) error {
	return fmt.Errorf("%s pid %d: %w", what, t.PID, ErrUnsupported)
}

// HasIOPriority reports whether this platform can set I/O priorities.
func HasIOPriority() bool { return hasIOPriority }

// HasAffinity reports whether this platform can set CPU affinity.
func HasAffinity() bool { return hasAffinity }
