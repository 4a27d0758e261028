package winproc

import "golang.org/x/sys/windows"

// Functions x/sys/windows does not wrap, loaded from the system directory only.
var (
	modntdll    = windows.NewLazySystemDLL("ntdll.dll")
	modkernel32 = windows.NewLazySystemDLL("kernel32.dll")
	moduser32   = windows.NewLazySystemDLL("user32.dll")

	procNtSuspendProcess     = modntdll.NewProc("NtSuspendProcess")
	procNtResumeProcess      = modntdll.NewProc("NtResumeProcess")
	procGlobalMemoryStatusEx = modkernel32.NewProc("GlobalMemoryStatusEx")
	procFindWindowExW        = moduser32.NewProc("FindWindowExW")
	procPostMessageW         = moduser32.NewProc("PostMessageW")
)

// callNT calls an ntdll function that returns an NTSTATUS.
func callNT(p *windows.LazyProc, args ...uintptr) error {
	if err := p.Find(); err != nil {
		return err
	}
	r, _, _ := p.Call(args...)
	if r != 0 {
		return windows.NTStatus(r)
	}
	return nil
}
