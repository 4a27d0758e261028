package uitest

import (
	"sync"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// Feed is a fake collector: tests publish snapshots by hand and read back what
// the viewer asked of it.
type Feed struct {
	ch chan *collect.Snapshot

	mu        sync.Mutex
	paused    bool
	threads   bool
	cmdline   bool
	needs     collect.Needs
	interval  time.Duration
	refreshes int
	tick      uint64
}

// NewFeed makes a Feed whose channel, like the collector's, holds one snapshot.
func NewFeed() *Feed { return &Feed{ch: make(chan *collect.Snapshot, 1)} }

// Publish sends a snapshot, numbering its tick; it waits while the previous one
// has not been taken, so snapshots are applied in order.
func (f *Feed) Publish(t testing.TB, s *collect.Snapshot) {
	t.Helper()
	f.mu.Lock()
	f.tick++
	s.Tick = f.tick
	f.mu.Unlock()
	select {
	case f.ch <- s:
	case <-time.After(Timeout):
		t.Fatal("the viewer did not take a snapshot")
	}
}

// Snapshots implements the viewer's Feed.
func (f *Feed) Snapshots() <-chan *collect.Snapshot { return f.ch }

// SetInterval implements the viewer's Feed.
func (f *Feed) SetInterval(d time.Duration) { f.mu.Lock(); f.interval = d; f.mu.Unlock() }

// Pause implements the viewer's Feed.
func (f *Feed) Pause(p bool) { f.mu.Lock(); f.paused = p; f.mu.Unlock() }

// Refresh implements the viewer's Feed.
func (f *Feed) Refresh() { f.mu.Lock(); f.refreshes++; f.mu.Unlock() }

// SetThreads implements the viewer's Feed.
func (f *Feed) SetThreads(on bool) { f.mu.Lock(); f.threads = on; f.mu.Unlock() }

// SetCmdlineEveryTick implements the viewer's CmdlineFeed.
func (f *Feed) SetCmdlineEveryTick(on bool) { f.mu.Lock(); f.cmdline = on; f.mu.Unlock() }

// CmdlineEveryTick is what the viewer last asked with SetCmdlineEveryTick.
func (f *Feed) CmdlineEveryTick() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.cmdline }

// SetNeeds implements the viewer's Feed.
func (f *Feed) SetNeeds(n collect.Needs) { f.mu.Lock(); f.needs = n; f.mu.Unlock() }

// Paused reports the last Pause.
func (f *Feed) Paused() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.paused }

// Threads reports the last SetThreads.
func (f *Feed) Threads() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.threads }

// Needs reports the last SetNeeds.
func (f *Feed) Needs() collect.Needs { f.mu.Lock(); defer f.mu.Unlock(); return f.needs }
