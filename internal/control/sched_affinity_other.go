//go:build !linux && !windows && !(freebsd && (amd64 || arm64 || riscv64))

package control

// macOS offers no way to bind another process to CPUs (its affinity tags are
// hints a thread gives about itself); a 32-bit FreeBSD would need id_t split
// across two registers, which is not wired.

const hasAffinity = false

func setAffinityOS(t Target, _ []int, _ Options) (Result, error) {
	return Result{Path: PathUnknown}, unsupported("set the CPU affinity of", t)
}

func affinityOS(t Target, _ Options) ([]int, error) {
	return nil, unsupported("read the CPU affinity of", t)
}
