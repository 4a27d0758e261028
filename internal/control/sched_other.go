//go:build !linux

package control

// Only Linux has per-process I/O priorities and scheduling policies that
// another process may set (macOS and FreeBSD have no ioprio; FreeBSD's
// rtprio classes and Windows's priority classes are what Renice and the
// kernel's own scheduler give), and only Linux's CPU affinity is wired here:
// the others say "not supported".

func setIOPriorityOS(t Target, p IOPriority, _ Options) (Result, error) {
	return Result{Path: PathUnknown}, unsupported("set the I/O priority of", t)
}

func ioPriorityOS(t Target, _ Options) (IOPriority, error) {
	return IOPriority{}, unsupported("read the I/O priority of", t)
}

func setAffinityOS(t Target, _ []int, _ Options) (Result, error) {
	return Result{Path: PathUnknown}, unsupported("set the CPU affinity of", t)
}

func affinityOS(t Target, _ Options) ([]int, error) {
	return nil, unsupported("read the CPU affinity of", t)
}

func policiesOS() []Policy { return nil }

func setPolicyOS(t Target, _ Policy, _ int, _ Options) (Result, error) {
	return Result{Path: PathUnknown}, unsupported("set the scheduling policy of", t)
}

func policyOS(t Target, _ Options) (Policy, int, error) {
	return Policy{}, 0, unsupported("read the scheduling policy of", t)
}

const (
	hasIOPriority = false
	hasAffinity   = false
)
