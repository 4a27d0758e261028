//go:build linux && (mips || mipsle || mips64 || mips64le || sparc64)

package control

import (
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// archSignals are the signals this architecture adds to standardSignals.
var archSignals = []Signal{{int(unix.SIGEMT), "SIGEMT"}}

// sigRTMax is the last real-time signal: the kernel's _NSIG is 128 on MIPS, where
// the C libraries stop at 127, and 64 elsewhere.
func sigRTMax() int {
	if strings.HasPrefix(runtime.GOARCH, "mips") {
		return 127
	}
	return 64
}
