//go:build !linux

package procfs

// ClockTicks returns 100 off Linux, where there is no /proc to read times from;
// it exists so the package builds on every OS.
func ClockTicks() int { return 100 }
