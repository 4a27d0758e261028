//go:build !unix

package screen

import "github.com/gdamore/tcell/v2"

// Open opens the terminal the way tcell does by default.
func Open() (tcell.Screen, error) { return tcell.NewScreen() }

// batchTty batches on Unix only (tty_unix.go); here nothing makes one.
type batchTty struct {
	tcell.Tty
	compact bool
}

func (*batchTty) hold()               {}
func (*batchTty) flush()              {}
func (*batchTty) setTails([]int)      {}
func (*batchTty) onError(func(error)) {}
