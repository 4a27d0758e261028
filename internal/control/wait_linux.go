package control

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// waitOS waits on a pidfd when it can and polls otherwise.
func waitOS(ctx context.Context, t Target, o Options) (Exit, error) {
	begin := time.Now()
	ex, err := waitPidfd(ctx, t, o)
	if errors.Is(err, errRefused) {
		ex, err = waitPoll(ctx, t)
	}
	ex.Waited = time.Since(begin)
	return ex, err
}

// waitPidfd pins t and blocks in one poll(2) on the pidfd, which becomes readable
// when the process exits (child or not), and on an eventfd that a watcher writes
// when ctx ends. No sleep, no timer: the waiting thread wakes once.
func waitPidfd(ctx context.Context, t Target, o Options) (Exit, error) {
	if o.ForcePoll {
		return Exit{}, errRefused
	}
	fd, err := pin(t)
	if err != nil {
		return Exit{Path: PathPidfd}, err
	}
	defer unix.Close(fd)
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	if ctx.Done() != nil {
		efd, stop, err := cancelFd(ctx)
		if err != nil {
			return Exit{Path: PathPidfd}, err
		}
		defer stop()
		fds = append(fds, unix.PollFd{Fd: int32(efd), Events: unix.POLLIN})
	}
	for {
		_, err := unix.Poll(fds, -1)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return Exit{Path: PathPidfd}, fmt.Errorf("poll the pidfd of %d: %w", t.PID, err)
		case fds[0].Revents != 0:
			return pidfdExit(fd, t.PID), nil
		case len(fds) > 1 && fds[1].Revents != 0:
			return Exit{Path: PathPidfd}, ctx.Err()
		}
	}
}

// cancelFd returns an eventfd that becomes readable once ctx is done, and stop,
// which ends the watcher goroutine before it closes the fd, so the watcher never
// writes to a closed (or reused) descriptor number.
func cancelFd(ctx context.Context) (int, func(), error) {
	efd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		if refused(err) {
			return -1, nil, fmt.Errorf("eventfd: %w: %w", errRefused, err)
		}
		return -1, nil, fmt.Errorf("eventfd: %w", err)
	}
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
			one := [8]byte{1} // any non-zero counter value makes it readable
			unix.Write(efd, one[:])
		case <-quit:
		}
	}()
	stop := func() {
		close(quit)
		<-done
		unix.Close(efd)
	}
	return efd, stop, nil
}

// pidfdExit learns what it can of the exit of the process behind fd, in order:
// our own child's status from waitid (WNOWAIT: the child stays for whoever owns
// it to reap); the kernel's record of a reaped process (PIDFD_GET_INFO with
// PIDFD_INFO_EXIT, Linux 6.15+); a zombie's exit_code in /proc/PID/stat.
func pidfdExit(fd, pid int) Exit {
	if ex, ok := childExit(unix.P_PIDFD, fd); ok {
		ex.Path = PathWaitid
		return ex
	}
	if ex, ok := reapedExit(fd); ok {
		return ex
	}
	if _, b, err := readStat(pid); err == nil && alive(fd, pid) == nil {
		// Not reaped by the end of the read: the stat was the pinned process's.
		if ex, ok := zombieExit(b); ok {
			ex.Path = PathPidfd
			return ex
		}
	} else if ex, ok := reapedExit(fd); ok { // reaped meanwhile
		return ex
	}
	return Exit{Path: PathPidfd}
}

// reapedExit asks the kernel for the exit status it keeps for a reaped process.
// Kernels before 6.13 refuse the ioctl; before 6.15, or while the process is still
// a zombie, the answer lacks PIDFD_INFO_EXIT.
func reapedExit(fd int) (Exit, bool) {
	info := unix.PidfdInfo{Mask: unix.PIDFD_INFO_EXIT}
	if unix.IoctlPidfdInfo(fd, &info) != nil || info.Mask&unix.PIDFD_INFO_EXIT == 0 {
		return Exit{}, false
	}
	ex := fromWaitStatus(unix.WaitStatus(info.Exit_code))
	ex.Path = PathPidfd
	return ex, true
}
