package caps

import (
	"errors"
	"fmt"
)

// Mode is how much to drop: htop's off, basic and strict.
type Mode string

// The modes.
const (
	// Off keeps every capability.
	Off Mode = "off"
	// Basic keeps what pidtop can use: reading other users' /proc files
	// (CAP_DAC_READ_SEARCH, CAP_SYS_PTRACE for exe, fd, environ), signalling
	// their processes (CAP_KILL) and changing their priority, I/O priority,
	// affinity and policy (CAP_SYS_NICE). htop's default, and pidtop's.
	Basic Mode = "basic"
	// Strict keeps only what reading needs: CAP_DAC_READ_SEARCH and
	// CAP_SYS_PTRACE. Actions on other users' processes are then refused.
	Strict Mode = "strict"
)

// ParseMode reads a mode as the command line gives it; "" is Basic, as
// htop's --drop-capabilities without a value.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case "":
		return Basic, nil
	case Off, Basic, Strict:
		return m, nil
	}
	return "", fmt.Errorf("invalid capabilities mode %q: want off, basic or strict", s)
}

// Linux capability numbers (linux/capability.h).
const (
	capDACReadSearch = 2
	capKill          = 5
	capSysPtrace     = 19
	capSysNice       = 23
)

// keep is the set of capabilities a mode keeps, as a bit mask by number.
func (m Mode) keep() uint64 {
	switch m {
	case Basic:
		return 1<<capDACReadSearch | 1<<capKill | 1<<capSysPtrace | 1<<capSysNice
	case Strict:
		return 1<<capDACReadSearch | 1<<capSysPtrace
	}
	return ^uint64(0)
}

// ErrThreads says the capabilities could not be changed in every thread:
// Go's runtime can do that only in a binary built without cgo.
var ErrThreads = errors.New("cannot change the capabilities of every thread in a binary built with cgo (build with CGO_ENABLED=0)")
