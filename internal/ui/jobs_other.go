//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package ui

import "context"

// jobControl is nil here: no job control (Windows), or none this viewer knows
// how to take part in.
type jobControl struct{}

func (r *runner) startJobs(context.Context) *jobControl { return nil }
func (j *jobControl) close()                            {}
func (j *jobControl) stopGroup() bool                   { return false }
