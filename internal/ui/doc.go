// Package ui is pidtop's interactive viewer: htop's screen and keys on tview and
// tcell. It draws the header meters, the process table (a virtual
// tview.TableContent over the sorted, filtered snapshot), the function-key bar,
// the help, details, sort and user panels, and the search and filter line.
//
// It reads snapshots from a Feed and steers the collector only through the
// Feed's messages; ordering, filtering, searching and nesting come from
// internal/sort. One column registry (columns.go) says, per column, its title,
// width, alignment, sort key, formatter and what the collector must read for it.
// Everything a process controls passes through Sanitize before it is drawn.
//
// It acts on processes only through internal/control, in act_*.go, and only
// when the caller passes ActionBindings (identity-checked signals, renice, wait,
// all off the UI goroutine). It must not read /proc except on demand for the
// details pane (behind Inspector), block the UI goroutine on I/O, or call
// Application.QueueUpdate from the event goroutine.
package ui
