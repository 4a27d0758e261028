package winproc

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Offsets into the target's memory, from x/sys's declarations for this build's
// architecture. The structs are read as bytes, never as Go values: their pointer
// fields hold the target's addresses, which must not reach Go's garbage collector.
var (
	pbiSize      = int(unsafe.Sizeof(windows.PROCESS_BASIC_INFORMATION{}))
	pbiPebOff    = int(unsafe.Offsetof(windows.PROCESS_BASIC_INFORMATION{}.PebBaseAddress))
	pebParamsOff = uint64(unsafe.Offsetof(windows.PEB{}.ProcessParameters))
	paramsCmdOff = uint64(unsafe.Offsetof(windows.RTL_USER_PROCESS_PARAMETERS{}.CommandLine))
)

// cmdlineFromPEB reads the command line the way tools did before Windows 8.1:
// PEB -> ProcessParameters -> CommandLine, through ReadProcessMemory. It needs
// PROCESS_VM_READ, which protected processes refuse. A 32-bit process on 64-bit
// Windows has a native PEB too, which this reads.
func cmdlineFromPEB(pid uint32, start uint64) (string, error) {
	h, err := Open(pid, windows.PROCESS_VM_READ, start)
	if err != nil {
		return "", fmt.Errorf("command line: %w", err)
	}
	defer windows.CloseHandle(h)
	r := reader{a: NativeArch}
	pbi := make([]byte, pbiSize)
	var n uint32
	if err := windows.NtQueryInformationProcess(h, windows.ProcessBasicInformation,
		unsafe.Pointer(&pbi[0]), uint32(len(pbi)), &n); err != nil {
		return "", fmt.Errorf("command line: basic information: %w", err)
	}
	var ptr [8]byte
	p := ptr[:NativeArch]
	if err := readRemote(h, r.ptr(pbi, pbiPebOff)+pebParamsOff, p); err != nil {
		return "", fmt.Errorf("command line: PEB: %w", err)
	}
	us := make([]byte, 2*NativeArch) // UNICODE_STRING: Length, MaximumLength, Buffer
	if err := readRemote(h, r.ptr(p, 0)+paramsCmdOff, us); err != nil {
		return "", fmt.Errorf("command line: process parameters: %w", err)
	}
	text := make([]byte, r.u16(us, 0))
	if err := readRemote(h, r.ptr(us, int(NativeArch)), text); err != nil {
		return "", fmt.Errorf("command line: text: %w", err)
	}
	return DecodeUTF16(text), nil
}

// readRemote fills dst from address addr of the process behind h.
func readRemote(h windows.Handle, addr uint64, dst []byte) error {
	if len(dst) == 0 {
		return nil
	}
	var n uintptr
	if err := windows.ReadProcessMemory(h, uintptr(addr), &dst[0], uintptr(len(dst)), &n); err != nil {
		return err
	}
	if int(n) != len(dst) {
		return fmt.Errorf("read %d of %d bytes at %#x", n, len(dst), addr)
	}
	return nil
}
