//go:build linux && !mips && !mipsle && !mips64 && !mips64le && !sparc64

package control

import "golang.org/x/sys/unix"

// archSignals are the signals this architecture adds to standardSignals.
var archSignals = []Signal{{int(unix.SIGSTKFLT), "SIGSTKFLT"}}

// sigRTMax is the last real-time signal (the kernel's _NSIG).
func sigRTMax() int { return 64 }
