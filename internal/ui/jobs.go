package ui

// The viewer's side of the shell's job control. The terminal is in raw mode
// while the viewer runs, so Ctrl-Z reaches it as a key, not as the SIGTSTP the
// terminal would send in cooked mode; the viewer sends that signal itself. On
// SIGTSTP, from the key or from outside, it gives the terminal back as it
// found it (main screen, modes, cursor, no mouse reporting) before it stops,
// and takes it again when it continues (jobs_unix.go).

// suspendKey is Ctrl-Z.
func (r *runner) suspendKey() {
	switch {
	case r.cfg.stop != nil:
		r.suspend(r.cfg.stop)
	case r.jobs.stopGroup():
	default:
		r.setMessage("Ctrl-Z: no job control here to suspend to")
	}
}

// suspend gives the terminal back, runs stop, which returns once the process
// continues, then takes the terminal again and redraws all of it: what the
// shell wrote meanwhile is gone. On the UI goroutine. (tview's Suspend does
// the same but ignores a failed Resume, after which tcell's draw would loop
// forever over the cells it emptied.)
func (r *runner) suspend(stop func()) {
	if r.screen.Suspend() != nil {
		return
	}
	stop()
	r.app.RLock() // as in redraw
	defer r.app.RUnlock()
	if r.finalized() {
		return // stopped meanwhile (kill %1): the terminal stays the shell's
	}
	if r.screen.Resume() != nil {
		r.screen.Fini() // the terminal is gone (hung up): nothing may draw; SIGHUP ends the viewer
		return
	}
	r.screen.Sync()
}

// redraw writes the whole screen again (Ctrl-L, and after a stop). It holds
// the application's lock, as tview does to draw, so that a Stop from another
// goroutine (a signal's) cannot finalize the screen in the middle of it.
func (r *runner) redraw() {
	r.app.RLock()
	defer r.app.RUnlock()
	r.screen.Sync()
}

// finalized reports whether the screen was finalized (the viewer stopped).
func (r *runner) finalized() bool {
	s, ok := r.screen.(*initOnce)
	return ok && s.done.Load()
}

// onUI runs f on the UI goroutine and returns when it has, or when the viewer
// stopped without running it; for goroutines other than the event loop's.
func (r *runner) onUI(f func()) {
	done := make(chan struct{})
	go r.app.QueueUpdate(func() {
		f()
		close(done)
	})
	select {
	case <-done:
	case <-r.stopped:
	}
}
