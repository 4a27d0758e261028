//go:build !linux

package control

// Only Linux has per-process I/O priorities and scheduling policies that
// another process may set here (macOS and FreeBSD have no ioprio; FreeBSD's
// rtprio classes are not wired; Windows's priority classes are Renice's):
// the others say "not supported". CPU affinity: sched_affinity_*.go.

func setIOPriorityOS(t Target, p IOPriority, _ Options) (Result, error) {
	return Result{Path: PathUnknown}, unsupported("set the I/O priority of", t)
}

func ioPriorityOS(t Target, _ Options) (IOPriority, error) {
	return IOPriority{}, unsupported("read the I/O priority of", t)
}

func policiesOS() []Policy { return nil }

func setPolicyOS(t Target, _ Policy, _ int, _ Options) (Result, error) {
	return Result{Path: PathUnknown}, unsupported("set the scheduling policy of", t)
}

func policyOS(t Target, _ Options) (Policy, int, error) {
	return Policy{}, 0, unsupported("read the scheduling policy of", t)
}

const hasIOPriority = false
