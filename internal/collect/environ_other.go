//go:build !linux && !freebsd

package collect

// ReadEnviron has no reader on this operating system.
func ReadEnviron(ID) ([]string, error) { return nil, ErrNoView }
