//go:build !linux

package collect

// fillShown has nothing to add off Linux: the platform's one grouped read already
// holds every memory figure it has.
func fillShown(*Process, uint64) {}
