package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// memSamples are the runtime figures fitMemoryLimit reads, reused.
var memSamples = []metrics.Sample{
	{Name: "/gc/heap/goal:bytes"},
	{Name: "/memory/classes/total:bytes"},
	{Name: "/memory/classes/heap/released:bytes"},
	{Name: "/memory/classes/heap/free:bytes"},
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/unused:bytes"},
}

// memSlack is what the limit leaves above the heap goal and the runtime's own
// memory: room for a tick's allocations past the goal before the next one
// moves the limit.
const memSlack = 1 << 20

// fitMemoryLimit sets the runtime's soft memory limit to the heap goal plus the
// memory that is not heap (stacks, GC metadata) plus memSlack, after each tick.
//
// Below its heap goal the runtime keeps freed pages for reuse, returning them
// to the kernel only slowly: at 20,000 processes 7.3 MiB of free heap stayed
// resident, tick after tick (runtime.MemStats every second over 24 s), with
// GOGC 25. Near a memory limit it returns them at once. The limit follows the
// goal, so it adds no collections of its own but when a tick allocates more
// than memSlack past the goal (the process count jumped): then the collector
// runs a little early until the next tick raises the limit. It is a trade: the
// pages given back are faulted in again by the next snapshot. Measured with the
// viewer in tmux at 1 s refresh, 20 s windows, limit on and off alternately
// (off: GOMEMLIMIT=1TiB): at 20,000 processes RSS 34.6 -> 27.4 MiB and CPU
// 148-163 -> 167-178 ms/s; at 5,000 RSS 15.0 -> 13.0 MiB and CPU 45-47 -> 50-53
// ms/s. A GOMEMLIMIT in the environment wins.
func fitMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	metrics.Read(memSamples)
	v := func(i int) uint64 {
		if memSamples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return memSamples[i].Value.Uint64()
	}
	goal, total, released, free, objects, unused := v(0), v(1), v(2), v(3), v(4), v(5)
	heap := released + free + objects + unused
	if goal == 0 || total < heap {
		return
	}
	debug.SetMemoryLimit(int64(goal + (total - heap) + memSlack))
}
