package sysctl

import (
	"fmt"
	"time"
)

// CPUTicks is one CPU's cumulative clock ticks per state since boot. FreeBSD
// counts all five (kern.cp_times: CP_USER, CP_NICE, CP_SYS, CP_INTR, CP_IDLE);
// macOS (host_processor_info) has no Intr.
type CPUTicks struct {
	User, Nice, System, Intr, Idle uint64
}

// MemInfo is physical memory as the kernel counts it, in bytes. Fields a
// platform lacks are zero.
type MemInfo struct {
	Total    uint64 // hw.memsize (macOS), v_page_count (FreeBSD)
	Free     uint64 // free pages (macOS: speculative ones excluded)
	Active   uint64 // FreeBSD: v_active_count
	Inactive uint64 // FreeBSD: v_inactive_count (clean, reclaimable)
	Wired    uint64 // FreeBSD: v_wire_count
	Laundry  uint64 // FreeBSD: v_laundry_count (dirty, waiting for write-back)
	Buffers  uint64 // FreeBSD: vfs.bufspace
	ARC      uint64 // FreeBSD: ZFS ARC size (kstat.zfs.misc.arcstats.size); 0 without ZFS

	Speculative uint64 // macOS: vm.page_speculative_count (read-ahead file pages)
	External    uint64 // macOS: vm.page_pageable_external_count (file-backed pages)
	Purgeable   uint64 // macOS: vm.page_purgeable_count (volatile, dropped under pressure)
}

// SwapInfo is swap space in bytes.
type SwapInfo struct {
	Total, Used uint64
}

// SysInfo is one read of the machine-wide figures. A part that could not be read
// has its OK flag false (CPUs: nil).
type SysInfo struct {
	CPUs   []CPUTicks // one per CPU, in the kernel's order
	Mem    MemInfo
	MemOK  bool
	Swap   SwapInfo
	SwapOK bool
	Load   [3]float64 // 1, 5 and 15 minute load averages
	LoadOK bool
	Boot   time.Time // kern.boottime; zero when unknown
}

// DecodeCPTimes decodes FreeBSD's kern.cp_times (CPUSTATES = 5 longs per CPU,
// LP64) into dst, reusing its storage.
func DecodeCPTimes(b []byte, dst []CPUTicks) ([]CPUTicks, error) {
	const rec = 5 * 8
	if len(b)%rec != 0 {
		return dst[:0], fmt.Errorf("kern.cp_times of %d bytes, not a multiple of %d: %w", len(b), rec, ErrMalformed)
	}
	dst = dst[:0]
	for ; len(b) > 0; b = b[rec:] {
		dst = append(dst, CPUTicks{User: u64(b, 0), Nice: u64(b, 8), System: u64(b, 16), Intr: u64(b, 24), Idle: u64(b, 32)})
	}
	return dst, nil
}

// DecodeMachCPULoad decodes macOS's PROCESSOR_CPU_LOAD_INFO array (struct
// processor_cpu_load_info: CPU_STATE_MAX = 4 natural_t per CPU, in the order
// user, system, idle, nice) into dst, reusing its storage.
func DecodeMachCPULoad(b []byte, dst []CPUTicks) ([]CPUTicks, error) {
	const rec = 4 * 4
	if len(b)%rec != 0 {
		return dst[:0], fmt.Errorf("cpu load info of %d bytes, not a multiple of %d: %w", len(b), rec, ErrMalformed)
	}
	dst = dst[:0]
	for ; len(b) > 0; b = b[rec:] {
		dst = append(dst, CPUTicks{
			User: uint64(u32(b, 0)), System: uint64(u32(b, 4)), Idle: uint64(u32(b, 8)), Nice: uint64(u32(b, 12)),
		})
	}
	return dst, nil
}

// DecodeLoadavg decodes vm.loadavg, struct loadavg { fixpt_t ldavg[3]; long
// fscale; } (24 bytes on LP64, both OSes): each average is ldavg/fscale.
func DecodeLoadavg(b []byte) ([3]float64, error) {
	var l [3]float64
	if len(b) < 24 {
		return l, fmt.Errorf("vm.loadavg of %d bytes: %w", len(b), ErrMalformed)
	}
	scale := i64(b, 16)
	if scale <= 0 {
		return l, fmt.Errorf("vm.loadavg fscale %d: %w", scale, ErrMalformed)
	}
	for i := range l {
		l[i] = float64(u32(b, 4*i)) / float64(scale)
	}
	return l, nil
}

// DecodeSwapUsage decodes macOS's vm.swapusage, struct xsw_usage { u_int64_t
// xsu_total, xsu_avail, xsu_used; … } (bytes).
func DecodeSwapUsage(b []byte) (SwapInfo, error) {
	if len(b) < 24 {
		return SwapInfo{}, fmt.Errorf("vm.swapusage of %d bytes: %w", len(b), ErrMalformed)
	}
	return SwapInfo{Total: u64(b, 0), Used: u64(b, 16)}, nil
}

// XswdevSize is sizeof(struct xswdev) with XSWDEV_VERSION 2 (FreeBSD 12 and later).
const XswdevSize = 32

// DecodeXswdev decodes one FreeBSD vm.swap_info.N record, struct xswdev { u_int
// xsw_version; dev_t xsw_dev; int xsw_flags; int xsw_nblks; int xsw_used; },
// and returns the device's size and use in pages.
func DecodeXswdev(b []byte) (total, used uint64, err error) {
	if len(b) < XswdevSize {
		return 0, 0, fmt.Errorf("xswdev of %d bytes: %w", len(b), ErrMalformed)
	}
	if v := u32(b, 0); v != 2 {
		return 0, 0, fmt.Errorf("xswdev version %d, want 2: %w", v, ErrLayout)
	}
	nblks, inUse := i32(b, 20), i32(b, 24)
	if nblks < 0 || inUse < 0 {
		return 0, 0, fmt.Errorf("xswdev blocks %d used %d: %w", nblks, inUse, ErrMalformed)
	}
	return uint64(nblks), uint64(inUse), nil
}

// DecodeTimeval decodes a struct timeval (int64 seconds, then microseconds as
// int64 on FreeBSD and int32 on macOS: the low half is the same on little-endian
// machines) such as kern.boottime.
func DecodeTimeval(b []byte) (time.Time, error) {
	if len(b) < 12 {
		return time.Time{}, fmt.Errorf("timeval of %d bytes: %w", len(b), ErrMalformed)
	}
	usec := i32(b, 8)
	if usec < 0 || usec >= 1_000_000 {
		return time.Time{}, fmt.Errorf("timeval usec %d: %w", usec, ErrMalformed)
	}
	return time.Unix(i64(b, 0), int64(usec)*1000), nil
}
