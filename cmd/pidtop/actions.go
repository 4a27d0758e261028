package main

import (
	"time"

	"github.com/pidtop/pidtop/internal/ui"
)

// actionBindings are the viewer's keys that act on processes (k/F9 signal menu,
// F7/F8 and ]/[ renice, n exact nice, W wait); --readonly disables them.
func actionBindings(grace time.Duration) []ui.Binding {
	return ui.ActionBindings(ui.ActionConfig{Grace: grace})
}
