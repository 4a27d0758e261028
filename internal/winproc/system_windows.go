package winproc

import (
	"fmt"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// CPUReader reads per-processor times with
// NtQuerySystemInformation(SystemProcessorPerformanceInformation) into a kept
// buffer. It sees the processors of the caller's processor group only (at most
// 64). It is not safe for concurrent use.
type CPUReader struct {
	buf  []byte
	cpus []CPUTimes
}

// Read returns one CPUTimes per processor, valid until the next Read.
func (r *CPUReader) Read() ([]CPUTimes, error) {
	buf, n, err := querySystem(windows.SystemProcessorPerformanceInformation, r.buf, 64*CPUEntrySize)
	r.buf = buf
	if err != nil {
		return nil, fmt.Errorf("cpu times: %w", err)
	}
	r.cpus, err = DecodeCPUs(buf[:n-n%CPUEntrySize], r.cpus[:0])
	if err != nil {
		return nil, fmt.Errorf("cpu times: %w", err)
	}
	return r.cpus, nil
}

// GlobalMemoryStatus calls GlobalMemoryStatusEx, which x/sys/windows does not wrap.
func GlobalMemoryStatus() (MemoryStatus, error) {
	m := MemoryStatus{Length: uint32(unsafe.Sizeof(MemoryStatus{}))}
	if err := procGlobalMemoryStatusEx.Find(); err != nil {
		return m, fmt.Errorf("GlobalMemoryStatusEx: %w", err)
	}
	if r, _, err := procGlobalMemoryStatusEx.Call(uintptr(unsafe.Pointer(&m))); r == 0 {
		return m, fmt.Errorf("GlobalMemoryStatusEx: %w", err)
	}
	return m, nil
}

// Uptime is the time since the system started (GetTickCount64).
func Uptime() time.Duration { return windows.DurationSinceBoot() }
