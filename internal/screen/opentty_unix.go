//go:build unix && !linux

package screen

import "github.com/gdamore/tcell/v2"

// openTty opens the terminal tcell draws on: tcell's own outside Linux.
func openTty() (tcell.Tty, error) { return tcell.NewDevTty() }
