package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
)

// memSamples are the runtime figures fitMemory reads, reused.
var memSamples = []metrics.Sample{
	{Name: "/gc/heap/live:bytes"},
	{Name: "/gc/scan/stack:bytes"},
	{Name: "/gc/scan/globals:bytes"},
	{Name: "/gc/gogc:percent"},
	{Name: "/gc/heap/allocs:bytes"},
}

// headroom is the room the heap goal leaves above the live heap, as a GOGC
// computed after each tick (between minGCPercent and 100): the viewer's RSS is
// about its live heap plus this, and the collector runs about once per
// headroom allocated, each time marking the whole live heap. More room is
// fewer collections for more RSS.
const headroom = 1 << 20

// minGCPercent bounds GOGC below for a large live heap (20,000 processes).
const minGCPercent = 10

// quietRoom is the headroom of a quiet viewer: one whose ticks allocate at
// most quietTick bytes (the median of the last ticks) and whose live heap is at
// most quietLive. An idle viewer allocates a little each tick (mostly tcell's
// drawing), and with the fixed headroom it would collect at nearly every
// tick; each collection stops the world twice and keeps the
// runtime's sysmon polling while it runs. With this room it collects once the
// small allocations of many ticks have filled it. The room costs
// about itself in RSS, so it is only for a small live heap: a viewer of
// thousands of sleeping processes allocates as little a tick as an idle one,
// and its live heap is what tells them apart.
const (
	quietRoom = 2 << 20
	quietTick = 256 << 10
	quietLive = 5 << 20
)

// tickAllocs follows how much a tick allocates, from the runtime's count of
// bytes allocated so far: the median of the last len(ticks) ticks, so that a
// busy tick now and then (a new process, a key) leaves a quiet viewer quiet,
// where a running average pushed it out for the next few ticks. What came
// before the first tick (the start, the first pass) is left out: the viewer
// counts as busy then, and as quiet from the first tick measured until most
// of the last ticks were busy.
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

// allocs is fitMemory's record of the ticks' allocations.
var allocs tickAllocs

// fitMemory runs after each tick (the gcroom layer): it sets GOGC for a
// headroom over the live heap (headroom, or quietRoom while the viewer is
// quiet), computed from the live heap as the runtime computes its goal. A GOGC
// in the environment wins.
//
// It sets no memory limit: a soft limit close enough to this goal to lower
// RSS makes the runtime collect several times a refresh instead of about once
// (the memlimit layer, removed for that CPU: bench/results/gcpace-N5000-2026-12-06.md).
func fitMemory() {
	metrics.Read(memSamples)
	v := func(i int) uint64 {
		if memSamples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return memSamples[i].Value.Uint64()
	}
	live, stacks, globals, gogc := v(0), v(1), v(2), v(3)
	extra, quiet := roomFor(allocs.add(v(4)), live)
	roots := live + stacks + globals
	if roots == 0 || os.Getenv("GOGC") != "" {
		return
	}
	want := max(extra*100/roots, minGCPercent)
	if !quiet {
		want = min(want, 100) // the quiet room may take GOGC past 100
	}
	if want > gogc+gogc/8 || want+want/8 < gogc {
		debug.SetGCPercent(int(want))
	}
}
