//go:build !linux

package caps

// Drop does nothing: only Linux has capabilities to drop.
func Drop(Mode) error { return nil }
