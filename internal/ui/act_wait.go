package ui

import (
	"context"
	"errors"
	"fmt"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

// wait is W (pidtop's own key; htop's w shows the command line): wait in the background for the selected process to exit, then say
// how it ended. Several waits run at once, one per process; each ends when the
// viewer stops.
func (s *actionSet) wait(a Actions) {
	p, ok := a.Selected()
	if !ok {
		a.Status("no process selected")
		return
	}
	s.mu.Lock()
	already := s.waiting[p.ID]
	s.waiting[p.ID] = true
	s.mu.Unlock()
	if already {
		a.Status("already waiting for " + label(p))
		return
	}
	a.Status("waiting for " + label(p) + " to exit…")
	a.Background(func(ctx context.Context, _ func(string)) string {
		defer func() {
			s.mu.Lock()
			delete(s.waiting, p.ID)
			s.mu.Unlock()
		}()
		ex, err := control.Wait(ctx, target(p), s.cfg.Control)
		return waitText(p, ex, err)
	})
}

// waitText says how the wait ended: "pid 12 (sh) exited with status 3 after
// 301 ms via waitid".
func waitText(p collect.Process, ex control.Exit, err error) string {
	switch {
	case err == nil:
		return fmt.Sprintf("%s %s after %s %s", label(p), exitText(ex), span(ex.Waited), via(ex.Path))
	case exited(err):
		return fmt.Sprintf("%s had already exited: %s", label(p), why(err))
	case errors.Is(err, context.Canceled):
		return "wait for " + label(p) + " cancelled"
	}
	return fmt.Sprintf("wait for %s: %s", label(p), why(err))
}
