//go:build !linux

package ui

// platformInspector: no on-demand details outside Linux yet; the pane shows the
// snapshot's figures only.
func platformInspector() Inspector { return nil }
