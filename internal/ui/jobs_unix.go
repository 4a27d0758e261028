//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package ui

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// jobControl passes the signals of job control, and those that end the process
// with a dump, to the viewer on the real terminal. SIGTTIN and SIGTTOU keep
// their default action (stop): a process that gets them is in the background,
// where it must not touch the terminal, and a handler would make the kernel
// restart the terminal call that raised them, raising them again. SIGCONT then
// takes the terminal back. SIGHUP, SIGINT, SIGTERM and SIGQUIT end the viewer
// through Run's context (see cmd/pidtop), which restores the terminal.
type jobControl struct {
	r    *runner
	ctx  context.Context // Run's: done when a signal ends the viewer
	sigs chan os.Signal
	done chan struct{}
	tstp bool // SIGTSTP is not ignored: the shell does job control
}

// crashSignals end a Go program with every goroutine's stack and status 2 (a
// core with GOTRACEBACK=crash) when sent by kill; the viewer restores the
// terminal first.
var crashSignals = []os.Signal{syscall.SIGILL, syscall.SIGTRAP, syscall.SIGABRT, syscall.SIGBUS,
	syscall.SIGFPE, syscall.SIGSEGV, syscall.SIGSYS}

// startJobs starts handling the signals, on the real terminal only: a screen
// the caller gave (a test's) is not a terminal of this process's job. A signal
// ignored since the start stays ignored.
func (r *runner) startJobs(ctx context.Context) *jobControl {
	if r.cfg.Screen != nil {
		return nil
	}
	j := &jobControl{r: r, ctx: ctx, sigs: make(chan os.Signal, 4), done: make(chan struct{}),
		tstp: !signal.Ignored(syscall.SIGTSTP)}
	watch := []os.Signal{syscall.SIGCONT}
	if j.tstp {
		watch = append(watch, syscall.SIGTSTP)
	}
	for _, s := range crashSignals {
		if !signal.Ignored(s) {
			watch = append(watch, s)
		}
	}
	signal.Notify(j.sigs, watch...)
	go j.loop()
	return j
}

// close stops passing the signals on.
func (j *jobControl) close() {
	if j == nil {
		return
	}
	signal.Stop(j.sigs)
	close(j.done)
}

func (j *jobControl) loop() {
	defer j.r.recoverGo()
	for {
		select {
		case <-j.done:
			return
		case s := <-j.sigs:
			switch s {
			case syscall.SIGTSTP:
				j.r.onUI(func() { j.r.suspend(j.stopped) })
			case syscall.SIGCONT:
				j.r.onUI(j.r.reenter)
			default:
				j.crash(s.(syscall.Signal))
			}
		}
	}
}

// stopGroup is Ctrl-Z: SIGTSTP to the process group, as the terminal sends it
// in cooked mode (a wrapper such as a script stops too); loop takes it from
// there. It reports false when the shell does no job control.
func (j *jobControl) stopGroup() bool {
	if j == nil || !j.tstp {
		return false
	}
	return syscall.Kill(0, syscall.SIGTSTP) == nil
}

// stopped stops the process (SIGTSTP) and returns once it may take the
// terminal back: continued in the foreground (fg). Continued in the background
// it touches nothing (taking the terminal back would stop it, SIGTTOU) and
// pauses the collector: kill %1 sends SIGTERM, then SIGCONT, and the viewer
// then ends, leaving the terminal to the shell as it is; after bg, nothing
// ending it within bgSettle, it stops again as a background job touching the
// terminal does (SIGTTOU), as htop does after bg.
func (j *jobControl) stopped() {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	raise(syscall.SIGTSTP)
	paused := false
	defer func() {
		if paused {
			j.r.cfg.Feed.Pause(j.r.paused)
		}
	}()
	for {
		if fg, _, ok := ttyState(); !ok || fg {
			return
		}
		if !paused {
			j.r.cfg.Feed.Pause(true)
			paused = true
		}
		settle := time.NewTimer(bgSettle)
		select {
		case <-j.ctx.Done():
			settle.Stop()
			j.r.app.Stop()
			return
		case <-cont:
		case <-settle.C:
			if fg, _, ok := ttyState(); ok && !fg {
				raise(syscall.SIGTTOU)
			}
		}
		settle.Stop()
	}
}

// bgSettle is how long the viewer, continued in the background, waits for a
// signal that ends it before it stops again: bash's kill %1 sends SIGTERM just
// before SIGCONT, and Go passes it on within microseconds to milliseconds. A
// later SIGTERM still ends the viewer, once it is continued.
const bgSettle = time.Second

// crash gives the terminal back, then lets sig do what it would have done. The
// application's lock keeps a frame from being drawn over the restored terminal;
// the event loop is left running, so that nothing ends the process before sig.
func (j *jobControl) crash(sig syscall.Signal) {
	j.r.app.Lock()
	j.r.screen.Fini()
	j.r.app.Unlock()
	signal.Reset(sig)
	syscall.Kill(os.Getpid(), sig)
}

// reenter takes the terminal back after the process continued from a stop it
// did not make itself (SIGSTOP cannot be caught), when the shell has put its
// own modes back meanwhile; and redraws all of it. In the background it stops
// again, as a background job touching the terminal would, rather than draw
// over the shell. After a stop of its own (suspend) it only redraws.
func (r *runner) reenter() {
	fg, raw, ok := ttyState()
	switch {
	case !ok:
		return // no terminal any more (hung up): SIGHUP ends the viewer
	case !fg:
		raise(syscall.SIGTTOU) // SIGCONT again on fg
		return
	case !raw:
		r.suspend(func() {})
		return
	}
	r.redraw()
}

// ttyState reads whether this process's group is the terminal's foreground
// and whether the terminal is in raw mode (no line editing, no echo).
func ttyState() (fg, raw, ok bool) {
	fd, err := unix.Open("/dev/tty", unix.O_RDONLY|unix.O_NOCTTY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return false, false, false
	}
	defer unix.Close(fd)
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return false, false, false
	}
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	if err != nil {
		return false, false, false
	}
	return pgrp == unix.Getpgrp(), t.Lflag&(unix.ICANON|unix.ECHO) == 0, true
}
