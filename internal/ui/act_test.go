package ui_test

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
)

// TestActionKeysListed: the function bar carries htop's F7 Nice- F8 Nice+ F9
// Kill, and the help lists every action key, F-key and letter on one line.
func TestActionKeysListed(t *testing.T) {
	h := start(t, ui.Config{Bindings: ui.ActionBindings(ui.ActionConfig{})}, filterProcs()...)
	h.WaitText(t, "F7Nice -F8Nice +F9Kill  F10Quit")
	h.Key(tcell.KeyF1)
	text := strings.Join(h.WaitText(t, "any other key returns"), "\n")
	h.Key(tcell.KeyEnd) // the help is longer than the screen
	text += strings.Join(h.WaitText(t, "wait in the background"), "\n")
	for _, want := range []string{"F9 k", "send a signal", "F7 ]", "nice -1", "F8 [", "nice +1", " n ", "exact nice", " w ", "exit status"} {
		if !strings.Contains(text, want) {
			t.Errorf("help lacks %q:\n%s", want, text)
		}
	}
}

// TestActionsWithoutProcess: with nothing on screen every action says so.
func TestActionsWithoutProcess(t *testing.T) {
	h := start(t, ui.Config{Bindings: ui.ActionBindings(ui.ActionConfig{})})
	h.WaitText(t, "F10Quit") // keys typed before the first frame are not taken
	for _, k := range []string{"k", "]", "n", "W"} {
		h.Type(k)
		h.WaitText(t, "no process selected")
		h.Type("P")
		h.WaitGone(t, "no process selected")
	}
}
