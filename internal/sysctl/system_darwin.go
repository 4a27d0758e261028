package sysctl

import "errors"

// SystemReader reads the machine-wide figures of macOS: per-CPU ticks from
// host_processor_info, memory from the vm.page_* counters, swap from
// vm.swapusage. NewSystemReader resolves names and Mach ports once.
type SystemReader struct {
	common
	host, task uint32
	page       uint64
	memsize    uint64
	mem        [][]int32 // free, speculative, external, purgeable page counts
	swap       []int32
	vals       [4]uint64
}

// NewSystemReader prepares the reads. It does not fail: a figure it cannot
// reach is reported as unknown by each Read.
func NewSystemReader() (*SystemReader, error) {
	r := &SystemReader{
		host: machPort(libc_mach_host_self_trampoline_addr),
		task: machPort(libc_mach_task_self_trampoline_addr),
		mem:  mibs("vm.page_free_count", "vm.page_speculative_count", "vm.page_pageable_external_count", "vm.page_purgeable_count"),
	}
	r.common.init()
	for _, p := range []struct {
		name string
		v    *uint64
	}{{"hw.pagesize", &r.page}, {"hw.memsize", &r.memsize}} {
		if m, err := NameToMIB(p.name); err == nil {
			*p.v, _ = GetUint(m)
		}
	}
	r.swap, _ = NameToMIB("vm.swapusage")
	return r, nil
}

// Read fills s, reusing s.CPUs. Parts that fail are marked unknown in s and
// their errors are returned joined.
func (r *SystemReader) Read(s *SysInfo) error {
	var errs []error
	var err error
	if s.CPUs, err = hostCPULoad(r.host, r.task, s.CPUs); err != nil {
		s.CPUs = nil
		errs = append(errs, err)
	}
	s.MemOK = r.page > 0 && r.memsize > 0 && readInts(r.mem, r.vals[:], len(r.mem))
	if s.MemOK {
		v, pg := r.vals, r.page
		s.Mem = MemInfo{Total: r.memsize, Free: v[0] * pg, Speculative: v[1] * pg, External: v[2] * pg, Purgeable: v[3] * pg}
	}
	s.SwapOK = false
	if r.swap != nil {
		b, err := Get(r.swap, r.buf[:])
		if err == nil {
			s.Swap, err = DecodeSwapUsage(b)
		}
		s.SwapOK = err == nil
		errs = append(errs, err)
	}
	errs = append(errs, r.readLoad(s))
	return errors.Join(errs...)
}
