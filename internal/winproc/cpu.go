package winproc

import (
	"encoding/binary"
	"fmt"
)

// CPUEntrySize is the size of one SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION entry
// (the same on 32-bit and 64-bit Windows).
const CPUEntrySize = 48

// CPUTimes is one processor's cumulative time, in 100 ns units, as
// SystemProcessorPerformanceInformation reports it. Windows counts idle, DPC and
// interrupt time inside kernel time (the Windows Research Kernel's KeUpdateRunTime
// adds every kernel-mode tick to the processor's KernelTime before splitting off
// DPC and interrupt ticks); System subtracts them.
type CPUTimes struct {
	Idle      uint64 // IdleTime
	Kernel    uint64 // KernelTime, idle, DPC and interrupt time included
	User      uint64 // UserTime
	DPC       uint64 // DpcTime: deferred procedure calls (like Linux softirq)
	Interrupt uint64 // InterruptTime: hardware interrupts
}

// System is kernel time spent on behalf of threads: kernel time less idle, DPC and
// interrupt time, never below zero.
func (c CPUTimes) System() uint64 {
	sub := c.Idle + c.DPC + c.Interrupt
	if c.Kernel < sub {
		return 0
	}
	return c.Kernel - sub
}

// DecodeCPUs appends one CPUTimes per entry of a SystemProcessorPerformanceInformation
// buffer to dst.
func DecodeCPUs(b []byte, dst []CPUTimes) ([]CPUTimes, error) {
	if len(b)%CPUEntrySize != 0 {
		return dst, fmt.Errorf("decode cpus: %d bytes is not a whole number of %d-byte entries: %w",
			len(b), CPUEntrySize, ErrMalformed)
	}
	le := binary.LittleEndian
	for off := 0; off < len(b); off += CPUEntrySize {
		e := b[off : off+CPUEntrySize]
		dst = append(dst, CPUTimes{
			Idle:      le.Uint64(e[0:]),
			Kernel:    le.Uint64(e[8:]),
			User:      le.Uint64(e[16:]),
			DPC:       le.Uint64(e[24:]),
			Interrupt: le.Uint64(e[32:]),
		})
	}
	return dst, nil
}
