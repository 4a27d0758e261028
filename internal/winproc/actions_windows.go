package winproc

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
)

const wmClose = 0x0010 // WM_CLOSE

// CloseWindows posts WM_CLOSE to every top-level window of process pid, as
// `taskkill` without /F does: the polite way to ask a GUI program to exit. It
// returns how many windows were asked, or ErrNoWindows (console programs and
// services have none). The caller should hold a handle to the process (see Open)
// so that pid cannot be reused meanwhile.
func CloseWindows(pid uint32) (int, error) {
	if err := procFindWindowExW.Find(); err != nil {
		return 0, fmt.Errorf("close windows: %w", err)
	}
	var hwnd uintptr
	asked := 0
	var errs []error
	for range 1 << 20 { // a bound, in case the window list changes under us forever
		hwnd, _, _ = procFindWindowExW.Call(0, hwnd, 0, 0)
		if hwnd == 0 {
			break
		}
		var owner uint32
		if _, err := windows.GetWindowThreadProcessId(windows.HWND(hwnd), &owner); err != nil || owner != pid {
			continue
		}
		if r, _, err := procPostMessageW.Call(hwnd, wmClose, 0, 0); r == 0 {
			errs = append(errs, fmt.Errorf("PostMessage(WM_CLOSE): %w", err))
			continue
		}
		asked++
	}
	if asked == 0 {
		if len(errs) > 0 {
			return 0, fmt.Errorf("close windows: %w", errors.Join(errs...))
		}
		return 0, ErrNoWindows
	}
	return asked, nil
}

// CtrlBreak sends CTRL_BREAK_EVENT to the console process group whose leader is
// pid. Windows delivers it only if that group shares this program's console (the
// leader was started with CREATE_NEW_PROCESS_GROUP from it); Ctrl-C cannot be
// aimed at a group at all, so it is not offered.
func CtrlBreak(pid uint32) error {
	if err := windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, pid); err != nil {
		return fmt.Errorf("GenerateConsoleCtrlEvent(CTRL_BREAK, %d): %w", pid, err)
	}
	return nil
}
