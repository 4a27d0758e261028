//go:build unix

package screen

import "testing"

// ShowOnTerminal draws text on row 0 of a w-column terminal through the whole
// engine (tcell, the frame, the compactor) into a model terminal, and returns
// the row as the terminal shows it: for tests of other packages' text.
func ShowOnTerminal(t *testing.T, text string, w int) string {
	p := newPipeline(t, "xterm-256color", w, 2, true)
	p.show([][]styledText{{{text: text}}})
	var row string
	for _, c := range p.model.cells[0] {
		row += c.text
	}
	return row
}
