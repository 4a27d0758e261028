//go:build !linux

package collect

// LimitNotice is Linux's warning of a low open-file limit; the other systems
// keep no descriptor per process, so there is nothing to say.
func LimitNotice() string { return "" }
