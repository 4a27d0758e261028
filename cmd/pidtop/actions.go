package main

import "github.com/pidtop/pidtop/internal/ui"

// actionBindings are the viewer's keys that act on processes (kill, renice, wait).
func actionBindings(o options) []ui.Binding { return nil }
