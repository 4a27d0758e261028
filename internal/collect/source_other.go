//go:build !linux && !darwin && !freebsd && !windows

package collect

func newSource() (source, error) { return nil, ErrUnsupported }
