package ui_test

import (
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// Digits typed in the list add up to a PID and the selection jumps to it, as
// htop's; a key that is not a digit starts the number again.
func TestDigitsJumpToPID(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))},
		uitest.Proc(1, 0, "root", "/sbin/init"), uitest.Proc(12, 1, "root", "/bin/a"),
		uitest.Proc(123, 1, "root", "/bin/b"), uitest.Proc(200, 1, "root", "/bin/c"), uitest.Proc(2001, 1, "root", "/bin/d"))
	h.waitOrder(t, "by PID", 1, 12, 123, 200, 2001)
	h.Key(tcell.KeyDown)
	h.waitSelected(t, 12)
	h.Type("1")
	h.waitSelected(t, 1)
	h.Type("2")
	h.waitSelected(t, 12)
	h.Type("3")
	h.waitSelected(t, 123)
	h.Type("4") // 1234: no such process, the selection stays
	h.Key(tcell.KeyCtrlL)
	h.Type("200")
	h.waitSelected(t, 200)
	h.Type("1")
	h.waitSelected(t, 2001)
}
