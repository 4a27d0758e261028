//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package ui

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

const ioctlGetTermios = unix.TIOCGETA

// stopSettle bounds raise's wait for SIGCONT, should it never come.
const stopSettle = 250 * time.Millisecond

// raise stops the process and returns once it continues. Go keeps its own
// handler for a signal that was ever passed to signal.Notify, and that handler
// drops SIGTSTP; here, without a raw sigaction, the stop is SIGSTOP (the shell
// says "Stopped (signal)"), which cannot be caught. Since the kernel would
// discard sig in an orphaned process group, where no shell could continue
// it, SIGSTOP is sent only when the parent is a process of this session in
// another group (a shell's job). It goes to the process, and another thread may
// take it: the wait for SIGCONT keeps this one from taking the terminal back
// first.
func raise(syscall.Signal) {
	if !inJob() {
		return
	}
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	if syscall.Kill(os.Getpid(), syscall.SIGSTOP) != nil {
		return
	}
	select {
	case <-cont:
	case <-time.After(stopSettle):
	}
}

// inJob reports whether the parent is in this session but another group.
func inJob() bool {
	ppid := unix.Getppid()
	if ppid <= 1 {
		return false
	}
	sid, err := unix.Getsid(0)
	psid, perr := unix.Getsid(ppid)
	pgrp, gerr := unix.Getpgid(ppid)
	return err == nil && perr == nil && gerr == nil && psid == sid && pgrp != unix.Getpgrp()
}
