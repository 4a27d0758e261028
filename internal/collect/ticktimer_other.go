//go:build !linux

package collect

func newTickTimer() *tickTimer { return newGoTimer() }
