package ui

import (
	"context"
	"sync"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/control"
)

// DefaultGrace is how long "terminate gracefully" waits after the graceful signal
// before it sends the force signal.
const DefaultGrace = 5 * time.Second

// ActionConfig tunes the keys that act on processes.
type ActionConfig struct {
	// Grace is the wait between SIGTERM and SIGKILL of "terminate gracefully"
	// (pidtop --grace); 0 means DefaultGrace.
	Grace time.Duration
	// Control is passed to every control call (ForcePoll: the fallback path).
	Control control.Options
	// Watch is how long after a signal the viewer watches for the exits it may
	// cause, to say "it exited N ms later"; the watch is event-driven (no CPU).
	// 0 means DefaultWatch.
	Watch time.Duration
}

// DefaultWatch is ActionConfig.Watch's default.
const DefaultWatch = time.Second

// parallelism caps the targets acted on at once (each holds up to two file
// descriptors while it waits: a pidfd and an eventfd on Linux).
const parallelism = 64

// ActionBindings returns htop's keys that act on processes, for Config.Bindings:
// F9/k signal menu (with "terminate gracefully"), F7/] and F8/[ nice -1/+1, n an
// exact nice value, i I/O priority, a CPU affinity, Y scheduling policy, W wait
// for the selected process to exit (pidtop's own: htop leaves W free and gives
// w to the command line). Each acts through
// internal/control on the identity (PID, start time) the user saw, and reports
// in the status line; everything that waits runs in the background.
func ActionBindings(c ActionConfig) []Binding {
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.Watch <= 0 {
		c.Watch = DefaultWatch
	}
	s := &actionSet{cfg: c, waiting: map[collect.ID]bool{}}
	const (
		killHelp  = "send a signal, or terminate gracefully, to the tagged processes (else the selected one)"
		minusHelp = "nice -1: raise the priority of the tagged processes (else the selected one)"
		plusHelp  = "nice +1: lower the priority of the tagged processes (else the selected one)"
	)
	return []Binding{
		{Key: tcell.KeyF9, Label: "Kill", Help: killHelp, Name: "kill", Changes: true, Do: s.openSignalMenu},
		{Key: tcell.KeyRune, Rune: 'k', Help: killHelp, Name: "kill", Changes: true, Do: s.openSignalMenu},
		{Key: tcell.KeyF7, Label: "Nice -", Help: minusHelp, Name: "renice", Changes: true, Do: s.nudge(-1)},
		{Key: tcell.KeyRune, Rune: ']', Help: minusHelp, Name: "renice", Changes: true, Do: s.nudge(-1)},
		{Key: tcell.KeyF8, Label: "Nice +", Help: plusHelp, Name: "renice", Changes: true, Do: s.nudge(1)},
		{Key: tcell.KeyRune, Rune: '[', Help: plusHelp, Name: "renice", Changes: true, Do: s.nudge(1)},
		{Key: tcell.KeyRune, Rune: 'n', Help: "set an exact nice value (-20..19) of the tagged processes (else the selected one)" + ownKey,
			Name: "renice", Changes: true, Do: s.openNiceMenu},
		{Key: tcell.KeyRune, Rune: 'i', Help: "I/O priority (class and level) of the tagged processes (else the selected one)",
			Name: "I/O priority", Changes: true, Do: s.openIOMenu},
		{Key: tcell.KeyRune, Rune: 'a', Help: "CPU affinity: the CPUs the tagged processes (else the selected one) may run on",
			Name: "CPU affinity", Changes: true, Do: s.openAffinityMenu},
		{Key: tcell.KeyRune, Rune: 'Y', Help: "scheduling policy (and realtime priority) of the tagged processes (else the selected one)",
			Name: "scheduling policy", Changes: true, Do: s.openPolicyMenu},
		{Key: tcell.KeyRune, Rune: 'W', Help: "wait in the background for the selected process to exit and show its exit status" + ownKey,
			Name: "wait", Changes: true, Do: s.wait},
	}
}

// actionSet is the state shared by the action keys of one ActionBindings.
type actionSet struct {
	cfg ActionConfig

	mu      sync.Mutex
	waiting map[collect.ID]bool // processes a W wait is running for
}

// target is the control package's name for a process the user saw.
func target(p collect.Process) control.Target {
	return control.Target{PID: int(p.PID), Start: p.Start}
}

// targets returns the processes an action applies to, or says there are none.
func targets(a Actions) []collect.Process {
	t := a.Targets()
	if len(t) == 0 {
		a.Status("no process selected")
	}
	return t
}

// parallel runs f(i) for i in [0, n), at most parallelism at a time, and returns
// when all have returned. f must itself end soon after ctx does.
func parallel(ctx context.Context, n int, f func(ctx context.Context, i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelism)
	for i := range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(ctx, i)
		}()
	}
	wg.Wait()
}
