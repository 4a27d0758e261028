//go:build darwin || freebsd

package sysctl

import "time"

// mibs resolves sysctl names to MIBs once; a name the kernel does not know (an
// older release, no ZFS) gets nil, which readInts treats as missing.
func mibs(names ...string) [][]int32 {
	out := make([][]int32, len(names))
	for i, n := range names {
		out[i], _ = NameToMIB(n)
	}
	return out
}

// readInts reads each integer sysctl into dst (0 for a nil or failed one) and
// reports whether all of the first need of them were read.
func readInts(m [][]int32, dst []uint64, need int) bool {
	ok := true
	for i, mib := range m {
		var err error
		dst[i] = 0
		if mib != nil {
			dst[i], err = GetUint(mib)
		}
		if (mib == nil || err != nil) && i < need {
			ok = false
		}
	}
	return ok
}

// common is what both systems read the same way: load average and boot time.
type common struct {
	load []int32
	buf  [64]byte
	boot time.Time
}

func (c *common) init() {
	c.load, _ = NameToMIB("vm.loadavg")
	if m, err := NameToMIB("kern.boottime"); err == nil {
		if b, err := Get(m, c.buf[:]); err == nil {
			c.boot, _ = DecodeTimeval(b)
		}
	}
}

// readLoad fills the load averages of s.
func (c *common) readLoad(s *SysInfo) error {
	s.LoadOK = false
	if c.load == nil {
		return nil
	}
	b, err := Get(c.load, c.buf[:])
	if err == nil {
		s.Load, err = DecodeLoadavg(b)
	}
	s.LoadOK = err == nil
	s.Boot = c.boot
	return err
}
