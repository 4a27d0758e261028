package winproc

import (
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

var procWineGetVersion = modntdll.NewProc("wine_get_version")

// SystemFidelity reports which listing fields the running system fills: all of
// them on Windows, fewer under Wine (detected by ntdll's wine_get_version export).
var SystemFidelity = sync.OnceValue(func() Fidelity {
	if procWineGetVersion.Find() != nil {
		return fullFidelity
	}
	r, _, _ := procWineGetVersion.Call()
	return wineFidelity(windows.BytePtrToString((*byte)(ptrFromSystem(r))))
})

// ptrFromSystem turns an address a system call returned, of static data outside
// Go's heap, into a pointer.
func ptrFromSystem(p uintptr) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(nil), p) }
