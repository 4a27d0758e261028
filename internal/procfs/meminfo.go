package procfs

import "fmt"

// Meminfo is /proc/meminfo, statistics about memory usage on the system, see
// proc_meminfo(5). Sizes are converted from the file's kB to bytes; the HugePages_*
// fields are counts. A field the kernel does not write is left zero; the Has*
// fields say so for the ones that came late.
type Meminfo struct {
	MemTotal       uint64 // total usable RAM (physical RAM minus reserved bits and the kernel code)
	MemFree        uint64 // the sum of LowFree+HighFree
	MemAvailable   uint64 // an estimate of how much memory is available for starting new applications, without swapping
	Buffers        uint64 // relatively temporary storage for raw disk blocks
	Cached         uint64 // in-memory cache for files read from the disk (the page cache), without SwapCached
	SwapCached     uint64 // memory once swapped out, swapped back in, but still also in the swap file
	Active         uint64 // memory used more recently, usually not reclaimed unless absolutely necessary
	Inactive       uint64 // memory less recently used, more eligible to be reclaimed
	SwapTotal      uint64 // total amount of swap space available
	SwapFree       uint64 // amount of swap space that is currently unused
	Zswap          uint64 // memory the zswap pool uses for compressed pages
	Zswapped       uint64 // anonymous memory stored in zswap, at its original size
	Dirty          uint64 // memory waiting to get written back to the disk
	Writeback      uint64 // memory actively being written back to the disk
	AnonPages      uint64 // non-file backed pages mapped into user-space page tables
	Mapped         uint64 // files mapped into memory (with mmap(2)), such as libraries
	Shmem          uint64 // memory consumed in tmpfs(5) filesystems and shared memory
	KReclaimable   uint64 // kernel allocations reclaimed under memory pressure, SReclaimable included
	Slab           uint64 // in-kernel data structures cache
	SReclaimable   uint64 // part of Slab that might be reclaimed, such as caches
	SUnreclaim     uint64 // part of Slab that cannot be reclaimed on memory pressure
	PageTables     uint64 // memory dedicated to the lowest level of page tables
	CommitLimit    uint64 // total memory currently available to be allocated under the overcommit policy
	CommittedAS    uint64 // Committed_AS: memory presently allocated on the system
	HugePagesTotal uint64 // HugePages_Total: size of the pool of huge pages (a count)
	HugePagesFree  uint64 // HugePages_Free: huge pages in the pool not yet allocated (a count)
	Hugepagesize   uint64 // the size of huge pages

	HasMemAvailable bool // MemAvailable was present (since Linux 3.14)
	HasZswap        bool // Zswap and Zswapped were present (kernels with zswap, since 5.19)
}

// ParseMeminfo parses the contents of /proc/meminfo into m without allocating.
// Unknown lines are ignored; MemTotal, MemFree, Buffers, Cached, SwapTotal and
// SwapFree, present on every kernel, must be there.
func ParseMeminfo(b []byte, m *Meminfo) error {
	*m = Meminfo{}
	const required, zswap = 1<<6 - 1, 1<<7 | 1<<8
	seen, ok := scanKV(b, m.field, parseKB)
	m.HasMemAvailable = seen&(1<<6) != 0
	m.HasZswap = seen&zswap == zswap
	if !ok || seen&required != required {
		return fmt.Errorf("meminfo: %w", ErrMalformed)
	}
	return nil
}

// field maps a line's key to its field, and the required ones (bits 0..5) and
// those with a Has flag (6..8) to a bit of theirs.
func (m *Meminfo) field(key []byte) (*uint64, int) {
	switch string(key) {
	case "MemTotal":
		return &m.MemTotal, 1
	case "MemFree":
		return &m.MemFree, 2
	case "Buffers":
		return &m.Buffers, 4
	case "Cached":
		return &m.Cached, 8
	case "SwapTotal":
		return &m.SwapTotal, 16
	case "SwapFree":
		return &m.SwapFree, 32
	case "MemAvailable":
		return &m.MemAvailable, 1 << 6
	case "SwapCached":
		return &m.SwapCached, 0
	case "Active":
		return &m.Active, 0
	case "Inactive":
		return &m.Inactive, 0
	case "Zswap":
		return &m.Zswap, 1 << 7
	case "Zswapped":
		return &m.Zswapped, 1 << 8
	case "Dirty":
		return &m.Dirty, 0
	case "Writeback":
		return &m.Writeback, 0
	case "AnonPages":
		return &m.AnonPages, 0
	case "Mapped":
		return &m.Mapped, 0
	case "Shmem":
		return &m.Shmem, 0
	case "KReclaimable":
		return &m.KReclaimable, 0
	case "Slab":
		return &m.Slab, 0
	case "SReclaimable":
		return &m.SReclaimable, 0
	case "SUnreclaim":
		return &m.SUnreclaim, 0
	case "PageTables":
		return &m.PageTables, 0
	case "CommitLimit":
		return &m.CommitLimit, 0
	case "Committed_AS":
		return &m.CommittedAS, 0
	case "HugePages_Total":
		return &m.HugePagesTotal, 0
	case "HugePages_Free":
		return &m.HugePagesFree, 0
	case "Hugepagesize":
		return &m.Hugepagesize, 0
	}
	return nil, 0
}
