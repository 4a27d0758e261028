package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
)

// memSamples are the runtime figures fitMemoryLimit reads, reused.
var memSamples = []metrics.Sample{
	{Name: "/gc/heap/live:bytes"},
	{Name: "/gc/scan/stack:bytes"},
	{Name: "/gc/scan/globals:bytes"},
	{Name: "/gc/gogc:percent"},
	{Name: "/memory/classes/total:bytes"},
	{Name: "/memory/classes/heap/released:bytes"},
	{Name: "/memory/classes/heap/free:bytes"},
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/unused:bytes"},
	{Name: "/gc/heap/allocs:bytes"},
}

// memSlack is what the limit leaves above the heap goal and the runtime's own
// memory: room for a tick's allocations past the goal before the next one
// moves the limit.
//
// The runtime uses less of it than that reads. It counts the unused tails of
// its spans against the limit too (0.9 MB at idle), and keeps a headroom of
// its own below the limit, 3% and at least 1 MiB (runtime/mgcpacer.go). So the
// goal it works to is about the live heap + headroom + memSlack - unused -
// 1 MiB: at idle (GODEBUG=gctrace=1) 0.13 MB over the live heap, and a
// collection about every tick. A limit that leaves the runtime the goal
// computed here was measured (tmux 200x50, alternating builds): at idle 17 ->
// 2 collections in 15 s and ~1.0 -> 0.6 involuntary switches a second; at
// 5,000 processes CPU -15-25% but RSS 13.5 -> 14.2-14.3 MiB, over the
// 1.5x-htop line (9.3 MiB), and with headroom at 256 or 512 KiB still
// 13.9-14.1; at 1,000 processes CPU 9-10 -> 7 ms/s and RSS 10.3 -> 10.9 MiB
// (20 s windows, three rounds). The runtime then keeps up to its own headroom
// in free pages. The tighter limit stays for a busy viewer: the memory
// goal is at 5,000 processes, and its CPU goals are met with it. A quiet one
// (see quietRoom) is given the room the runtime takes off.
const memSlack = 1 << 20

// headroom is the room the heap goal leaves above the live heap, as a GOGC
// computed after each tick (between minGCPercent and 100): the viewer's RSS is
// about its live heap plus this. A tick allocates a snapshot (~330 KiB at
// 1,000 processes, 1.6 MiB at 5,000) and the frames drawn; the collector runs
// about once per headroom allocated, each time marking the whole live heap.
// Measured against the limit that followed the runtime's goal (wake.sh, 15 s
// windows, alternating): at 1,000 processes CPU 11-12 -> 8-9 ms/s, RSS 9.1-9.3
// -> 9.4-9.7 MiB; at 5,000, CPU 30-31 -> 27-28 ms/s, RSS 13.2-13.3 -> 12.0-12.9
// MiB. 2 MiB gave 7 ms/s at 1,000 but 14.0-14.9 MiB at 5,000.
const headroom = 1 << 20

// minGCPercent bounds GOGC below for a large live heap (20,000 processes).
const minGCPercent = 10

// quietRoom is the headroom of a quiet viewer: one whose ticks allocate at
// most quietTick bytes (the median of the last ticks) and whose live heap is at
// most quietLive.
//
// The idle viewer (~70 processes) allocates 10-200 KB a tick, ~60 KB as a rule
// (most of it tcell's drawing), and with the fixed headroom and the tight
// limit below it ran the collector at nearly every tick. Each collection stops
// the world twice, and restarting it wakes the runtime's sysmon from its sleep,
// after which it polls every 20 µs while the collection and its sweep run:
// ~20 voluntary context switches a collection, against the three a
// second for the whole idle viewer. With 2 MiB of room it collects about
// every half minute.
//
// The room costs about itself in RSS, and where it is spent is a choice
// between the goals. The ticks tell a viewer of a large machine from
// an idle one only when its processes run: with 5,000 sleeping processes a
// tick allocates as little as at idle (70-200 KB; the records are reused and
// the idle processes' kept), but the room took the RSS from 13.5 to 14.8 MiB,
// over the goal of 1.5x htop's (9.3). The live heap tells them apart (tmux,
// 1 s refresh): 2.8 MB at idle, 3.7 MB at 1,000 sleeping processes, 6.9 MB at
// 5,000. So the room is for viewers under quietLive of live heap, up to about
// 2,900 processes here (by interpolation); the others keep the fixed headroom
// and the tight limit, and a collection at most ticks.
const (
	quietRoom = 2 << 20
	quietTick = 256 << 10
	quietLive = 5 << 20
)

// tickAllocs follows how much a tick allocates, from the runtime's count of
// bytes allocated so far: the median of the last len(ticks) ticks, so that a
// busy tick now and then (a new process, a key) leaves a quiet viewer quiet,
// where a running average pushed it out for the next few ticks, each a
// collection under the tight limit (gctrace, idle.sh). What came before the
// first tick (the start, the first pass) is left out: the viewer counts as busy
// then, and as quiet from the first tick measured until most of the last ticks
// were busy. At idle the first ticks allocate 130, 60, 20-40 KB; busy from the
// start, the viewer collected at each of its first ~6 ticks.
type tickAllocs struct {
	last    uint64
	ticks   [8]uint64 // the last ticks' allocations, oldest overwritten
	next    int
	started bool
}

// add records the count after a tick and returns the median.
func (a *tickAllocs) add(total uint64) uint64 {
	if !a.started {
		a.started, a.last = true, total
		return quietTick + 1
	}
	a.ticks[a.next] = total - min(a.last, total)
	a.next = (a.next + 1) % len(a.ticks)
	a.last = total
	return a.median()
}

// median is the upper median of the last ticks.
func (a *tickAllocs) median() uint64 {
	sorted := a.ticks
	slices.Sort(sorted[:])
	return sorted[len(sorted)/2]
}

// roomFor is the heap goal's headroom over the live heap for ticks that
// allocate perTick bytes (see tickAllocs) with the live heap live, and whether
// the viewer is quiet.
func roomFor(perTick, live uint64) (room uint64, quiet bool) {
	if perTick > quietTick || live > quietLive {
		return headroom, false
	}
	return quietRoom, true
}

// runtimeHeadroom is what the runtime keeps below a memory limit as its own
// margin: 3% of it, at least 1 MiB (memoryLimitHeapGoalHeadroomPercent and
// memoryLimitMinHeapGoalHeadroom in runtime/mgcpacer.go).
func runtimeHeadroom(limit uint64) uint64 { return max(limit/100*3, 1<<20) }

// allocs is fitMemoryLimit's record of the ticks' allocations.
var allocs tickAllocs

// fitMemoryLimit runs after each tick. It sets GOGC for a headroom over the
// live heap (headroom, or quietRoom while the viewer is quiet), and sets the
// runtime's soft memory limit to the heap goal plus the memory that is not
// heap (stacks, GC metadata) plus memSlack, plus, while quiet, what the runtime
// takes off the room.
//
// Below its heap goal the runtime keeps freed pages for reuse, returning them
// to the kernel only slowly: at 20,000 processes 7.3 MiB of free heap stayed
// resident, tick after tick (runtime.MemStats every second over 24 s), with
// GOGC 25. Near a memory limit it returns them at once. It is a trade: the
// pages given back are faulted in again by the next snapshot. Measured with the
// viewer in tmux at 1 s refresh, 20 s windows, limit on and off alternately
// (off: GOMEMLIMIT=1TiB): at 20,000 processes RSS 34.6 -> 27.4 MiB and CPU
// 148-163 -> 167-178 ms/s; at 5,000 RSS 15.0 -> 13.0 MiB and CPU 45-47 -> 50-53
// ms/s.
//
// The goal is computed from the live heap and GOGC, as the runtime does, not
// read from the runtime: the runtime's own goal is already capped by the last
// limit, and a limit following it ratchets the goal down to the live heap
// (then the collector ran two or three times per tick at 1,000 processes,
// whatever GOGC said). A GOGC or GOMEMLIMIT in the environment wins.
func fitMemoryLimit() {
	metrics.Read(memSamples)
	v := func(i int) uint64 {
		if memSamples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return memSamples[i].Value.Uint64()
	}
	live, stacks, globals, gogc := v(0), v(1), v(2), v(3)
	total, released, free, objects, unused := v(4), v(5), v(6), v(7), v(8)
	room, quiet := roomFor(allocs.add(v(9)), live)
	roots := live + stacks + globals
	if roots == 0 {
		return
	}
	if os.Getenv("GOGC") == "" {
		want := max(room*100/roots, minGCPercent)
		if !quiet {
			want = min(want, 100) // the quiet room may take GOGC past 100
		}
		if want > gogc+gogc/8 || want+want/8 < gogc {
			debug.SetGCPercent(int(want))
			gogc = want
		}
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	heap := released + free + objects + unused
	if total < heap {
		return
	}
	goal := live + roots*gogc/100
	limit := goal + (total - heap) + memSlack
	if quiet {
		// Room for the goal itself: the runtime counts the spans' unused
		// tails against the limit and keeps its own margin below it.
		limit += unused + runtimeHeadroom(limit)
	}
	debug.SetMemoryLimit(int64(limit))
}
