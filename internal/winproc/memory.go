package winproc

// MemoryStatus is MEMORYSTATUSEX (GlobalMemoryStatusEx), sizes in bytes. The "page
// file" figures are the commit limit and what is left of it: physical memory plus
// every paging file, not the paging files alone.
type MemoryStatus struct {
	Length               uint32 // dwLength, set by the caller
	MemoryLoad           uint32 // percent of physical memory in use
	TotalPhys            uint64
	AvailPhys            uint64 // free, zeroed and standby pages: what new work can use
	TotalPageFile        uint64 // commit limit
	AvailPageFile        uint64 // commit limit less committed memory
	TotalVirtual         uint64 // user address space of this process
	AvailVirtual         uint64
	AvailExtendedVirtual uint64 // always 0
}

// SwapEstimate derives paging-file figures from the commit figures: the total is
// the commit limit less physical memory, the use is committed memory beyond what
// physical memory holds. Windows has no exact "swap used" without performance
// counters; this is the usual estimate, clamped to 0..total.
func (m MemoryStatus) SwapEstimate() (total, used uint64) {
	if m.TotalPageFile <= m.TotalPhys {
		return 0, 0
	}
	total = m.TotalPageFile - m.TotalPhys
	committed := m.TotalPageFile - m.AvailPageFile
	inRAM := m.TotalPhys - m.AvailPhys
	if committed > inRAM {
		used = min(committed-inRAM, total)
	}
	return total, used
}
