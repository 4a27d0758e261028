package collect

import (
	"errors"
	"fmt"

	"github.com/pidtop/pidtop/internal/sysctl"
)

// ReadEnviron reads the environment with kern.proc.env, after checking that
// the PID still has id's start time (kern.proc.pid). The window between the
// two sysctls is the one control's actions have.
func ReadEnviron(id ID) ([]string, error) {
	k, err := sysctl.ReadProc(int(id.PID))
	switch {
	case errors.Is(err, sysctl.ErrNoProcess):
		return nil, ErrExited
	case err != nil:
		return nil, err
	case id.Start != 0 && k.StartMicros() != id.Start:
		return nil, ErrExited
	}
	// A thread's row has its TID, which kern.proc.pid answers with its
	// process (and the process's start time): the threads share its environment.
	var r sysctl.ArgsReader
	env, err := r.Env(k.PID)
	if errors.Is(err, sysctl.ErrNoProcess) {
		return nil, ErrExited
	}
	if err != nil {
		return nil, fmt.Errorf("kern.proc.env: %w", err)
	}
	return env, nil
}
