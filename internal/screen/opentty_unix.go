//go:build unix

package screen

import "github.com/gdamore/tcell/v2"

// openTty opens the terminal tcell draws on (/dev/tty).
func openTty() (tcell.Tty, error) { return tcell.NewDevTty() }
