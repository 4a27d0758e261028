package sysctl

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// SystemReader reads the machine-wide figures of FreeBSD: kern.cp_times,
// the vm.stats.vm page counters, vm.swap_info per device. NewSystemReader
// resolves the names once.
type SystemReader struct {
	common
	cpTimes []int32
	mem     [][]int32 // see memNames
	vals    []uint64
	swap    []int32 // vm.swap_info, one more number selects the device
	swapMIB []int32
	scratch []byte
}

// memNames are the memory counters, the required ones first.
var memNames = []string{
	"hw.pagesize", "vm.stats.vm.v_page_count", "vm.stats.vm.v_free_count",
	"vm.stats.vm.v_active_count", "vm.stats.vm.v_inactive_count", "vm.stats.vm.v_wire_count",
	"vm.stats.vm.v_laundry_count", "vfs.bufspace", "kstat.zfs.misc.arcstats.size",
}

const memRequired = 6 // through v_wire_count

// NewSystemReader prepares the reads. It does not fail: a figure it cannot
// reach is reported as unknown by each Read.
func NewSystemReader() (*SystemReader, error) {
	r := &SystemReader{mem: mibs(memNames...), vals: make([]uint64, len(memNames))}
	r.common.init()
	r.cpTimes, _ = NameToMIB("kern.cp_times")
	r.swap, _ = NameToMIB("vm.swap_info")
	return r, nil
}

// Read fills s, reusing s.CPUs. Parts that fail are marked unknown in s and
// their errors are returned joined.
func (r *SystemReader) Read(s *SysInfo) error {
	var errs []error
	var err error
	s.CPUs = s.CPUs[:0]
	if r.cpTimes != nil {
		if r.scratch, err = Get(r.cpTimes, r.scratch); err == nil {
			s.CPUs, err = DecodeCPTimes(r.scratch, s.CPUs)
		}
		errs = append(errs, err)
	}
	if len(s.CPUs) == 0 {
		s.CPUs = nil
	}
	s.MemOK = readInts(r.mem, r.vals, memRequired)
	if s.MemOK {
		v := r.vals
		pg := v[0]
		s.Mem = MemInfo{Total: v[1] * pg, Free: v[2] * pg, Active: v[3] * pg, Inactive: v[4] * pg,
			Wired: v[5] * pg, Laundry: v[6] * pg, Buffers: v[7], ARC: v[8]}
	}
	s.SwapOK = false
	if r.swap != nil && s.MemOK {
		s.Swap, err = r.readSwap(r.vals[0])
		s.SwapOK = err == nil
		errs = append(errs, err)
	}
	errs = append(errs, r.readLoad(s))
	return errors.Join(errs...)
}

// readSwap sums vm.swap_info.N over the swap devices until the kernel says
// there is no device N.
func (r *SystemReader) readSwap(page uint64) (SwapInfo, error) {
	var sw SwapInfo
	for i := int32(0); i < 1024; i++ {
		r.swapMIB = append(append(r.swapMIB[:0], r.swap...), i)
		b, err := Get(r.swapMIB, r.scratch)
		if errors.Is(err, unix.ENOENT) {
			return sw, nil
		}
		if err != nil {
			return sw, err
		}
		r.scratch = b
		total, used, err := DecodeXswdev(b)
		if err != nil {
			return sw, fmt.Errorf("vm.swap_info.%d: %w", i, err)
		}
		sw.Total += total * page
		sw.Used += used * page
	}
	return sw, nil
}
