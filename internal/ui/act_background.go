package ui

import (
	"context"
	"sync"
)

// background is the work one Run started with Actions.Background: its context is
// derived from Run's and is cancelled when the viewer stops, and quit waits for
// the work to return while the event loop still runs, so no goroutine outlives
// Run and no last message is posted to a stopped application.
type background struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	closed bool // no new work: the viewer is stopping
}

func newBackground(parent context.Context) *background {
	ctx, cancel := context.WithCancel(parent)
	return &background{ctx: ctx, cancel: cancel}
}

// start runs f on its own goroutine, unless the viewer is stopping.
func (b *background) start(f func(ctx context.Context)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		f(b.ctx)
	}()
}

// stop cancels the work and waits for it. It must not run on the UI goroutine:
// the work may be posting its last message there.
func (b *background) stop() {
	b.abandon()
	b.wg.Wait()
}

// abandon cancels the work without waiting (Run's last resort, when the event
// loop ended without quit, e.g. after a panic).
func (b *background) abandon() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cancel()
}
