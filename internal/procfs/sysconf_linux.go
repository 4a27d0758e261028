package procfs

import (
	"encoding/binary"
	"os"
	"strconv"
	"sync"
)

// defaultClockTicks is USER_HZ on every Linux architecture today; it is used only
// when /proc/self/auxv cannot be read or lacks AT_CLKTCK.
const defaultClockTicks = 100

// ClockTicks returns USER_HZ, the unit of the times in Stat and SysStat (clock
// ticks per second), as sysconf(_SC_CLK_TCK) does: from the AT_CLKTCK entry of
// /proc/self/auxv. It reads the file once per process.
func ClockTicks() int { return clockTicks() }

var clockTicks = sync.OnceValue(func() int {
	b, err := os.ReadFile("/proc/self/auxv")
	if err != nil {
		return defaultClockTicks
	}
	v, ok := auxvValue(b, atClkTck, strconv.IntSize/8, binary.NativeEndian)
	if !ok || v == 0 || v > 1e6 {
		return defaultClockTicks
	}
	return int(v)
})
