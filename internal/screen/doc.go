// Package screen is the viewer's terminal engine: the tcell.Screen the UI
// draws on, and what sits between tcell and the terminal to make a frame cost
// less. The UI uses two functions: Open, which opens the terminal, and
// NewFrame, which wraps the screen in the frame engine.
//
// Each part is a layer of internal/layer, with its switch:
//
//   - framediff (frame.go): tview clears the screen before every frame and
//     its boxes fill their background before drawing text, which makes tcell
//     send every non-blank cell again. frameScreen collects a frame in its
//     own buffer and hands tcell only the cells that changed since the last
//     frame it showed.
//   - shift (shift.go): when the rows shift by a few lines, the terminal
//     moves them itself (insert and delete line in a scroll region) and only
//     the new rows are drawn.
//   - compact (compact.go, tty_unix.go): batchTty collects a frame's writes,
//     compactFrame rewrites tcell's escape sequences shorter, and the frame
//     goes out in one write(2).
//
// ASCII mode (ascii.go) is here too: where the locale is not UTF-8, every rune
// drawn is made ASCII in the frame, before tcell sees it.
//
// A write the terminal refuses reaches tview as an error event, which ends
// the viewer: tcell itself drops the errors of its writes.
//
// The tests draw through the whole engine into a model terminal
// (vtmodel_test.go) and compare what it shows with what tcell alone shows.
package screen
