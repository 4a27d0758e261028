//go:build !linux

package collect

// Inspect has no on-demand details on this platform yet.
func Inspect(ID) (Details, error) { return Details{OpenFiles: -1}, ErrUnsupported }
