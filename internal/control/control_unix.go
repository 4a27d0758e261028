//go:build unix

package control

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// kernelErr words the kernel's answer to an action on t: ESRCH becomes ErrGone,
// anything else (EPERM above all) is returned wrapped.
func kernelErr(what string, t Target, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ESRCH):
		return fmt.Errorf("%s pid %d: %w", what, t.PID, ErrGone)
	}
	return fmt.Errorf("%s pid %d: %w", what, t.PID, err)
}
