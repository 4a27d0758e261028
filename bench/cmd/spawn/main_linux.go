package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: spawn TOTAL   (start sleep children until /proc lists TOTAL processes)")
		os.Exit(2)
	}
	total, err := strconv.Atoi(os.Args[1])
	if err != nil || total < 1 {
		fmt.Fprintf(os.Stderr, "spawn: TOTAL must be a positive number, got %q\n", os.Args[1])
		os.Exit(2)
	}
	// PDEATHSIG fires when the thread that forked the child exits, so every fork
	// happens on the main thread, which lives as long as the process.
	runtime.LockOSThread()

	// Catch the signals before the first child exists, so none can be orphaned.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGUSR1)

	// A group of our own: a Ctrl-C meant for the caller's terminal group does not
	// reach the children; the caller stops us by PID and we stop them.
	if err := syscall.Setpgid(0, 0); err != nil {
		fmt.Fprintf(os.Stderr, "spawn: setpgid: %v (children stay in the caller's group)\n", err)
	}
	fmt.Printf("pid %d\n", os.Getpid())

	s := &spawner{}
	for {
		if err = s.fill(total, sigs); err != nil {
			break
		}
		n, _ := countProcs()
		fmt.Printf("ready pid=%d children=%d procs=%d\n", os.Getpid(), len(s.children), n)
		if <-sigs != syscall.SIGUSR1 {
			break // SIGUSR1 tops /proc up again, after other processes ended
		}
	}
	if err != nil && !errors.Is(err, errStopped) {
		fmt.Fprintf(os.Stderr, "spawn: %v\n", err)
	}
	start := time.Now()
	killed, reaped := s.stop()
	fmt.Printf("stopped pid=%d killed=%d reaped=%d took=%s\n", os.Getpid(), killed, reaped,
		time.Since(start).Round(time.Millisecond))
	if err != nil && !errors.Is(err, errStopped) {
		os.Exit(1)
	}
}

// errStopped reports that a signal arrived while the children were being started.
var errStopped = errors.New("stopped by a signal")

// spawner owns the children it started. Their PIDs cannot be reused while it lives:
// it reaps them only in stop, so a dead child stays a zombie holding its PID.
type spawner struct {
	children []int
}

// fill starts children until /proc lists total processes. Other workloads may
// start or end processes meanwhile, so it counts again after each round.
func (s *spawner) fill(total int, sigs <-chan os.Signal) error {
	if err := checkRoom(total); err != nil {
		return err
	}
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		return err
	}
	defer devnull.Close()
	fd := devnull.Fd()
	attr := &syscall.ProcAttr{
		Dir:   "/",
		Env:   []string{"PATH=/usr/bin:/bin"},
		Files: []uintptr{fd, fd, fd},
		Sys:   &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL},
	}
	sleep, err := lookSleep()
	if err != nil {
		return err
	}
	argv := []string{"sleep", "3600"}
	for round := 0; round < 10; round++ {
		n, err := countProcs()
		if err != nil {
			return err
		}
		if n >= total {
			return nil
		}
		for i := n; i < total; i++ {
			select {
			case sig := <-sigs:
				if sig != syscall.SIGUSR1 {
					return errStopped
				}
			default:
			}
			pid, err := syscall.ForkExec(sleep, argv, attr)
			if err != nil {
				return fmt.Errorf("fork+exec %s after %d children: %w", sleep, len(s.children), err)
			}
			s.children = append(s.children, pid)
		}
	}
	n, _ := countProcs()
	return fmt.Errorf("/proc lists %d processes after 10 rounds, wanted %d (other processes are exiting)", n, total)
}

// stop kills every child by PID and reaps them, then forgets them (their PIDs are
// free for reuse from then on); it returns how many were killed and reaped.
func (s *spawner) stop() (killed, reaped int) {
	for _, pid := range s.children {
		_ = syscall.Kill(pid, syscall.SIGKILL) // ESRCH cannot happen: unreaped PIDs are ours
	}
	for _, pid := range s.children {
		var ws syscall.WaitStatus
		for {
			_, err := syscall.Wait4(pid, &ws, 0, nil)
			if err == syscall.EINTR {
				continue
			}
			if err == nil {
				reaped++
			}
			break
		}
	}
	killed = len(s.children)
	s.children = nil
	return killed, reaped
}

// lookSleep finds the sleep binary without a PATH search per child.
func lookSleep() (string, error) {
	for _, p := range []string{"/usr/bin/sleep", "/bin/sleep"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no sleep binary in /usr/bin or /bin")
}
