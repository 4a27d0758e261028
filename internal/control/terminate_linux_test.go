package control

import (
	"context"
	"errors"
	"os/exec"
	"slices"
	"testing"
	"time"
)

// TestTerminate runs Terminate on a process that exits on SIGTERM and on one that
// ignores it, on both paths, and checks the steps it reports.
func TestTerminate(t *testing.T) {
	live(t)
	cases := []struct {
		name   string
		script string
		steps  []string
		signal int // the signal the process dies of
	}{
		{"polite", "exec sleep 60", []string{"SIGTERM", "wait"}, 15},
		{"ignores-term", `trap "" TERM; exec sleep 60`, []string{"SIGTERM", "wait", "SIGKILL", "wait"}, 9},
	}
	for _, m := range modes {
		for _, c := range cases {
			t.Run(m.name+"/"+c.name, func(t *testing.T) {
				p := spawnChild(t, exec.Command("sh", "-c", c.script))
				waitComm(t, p.PID, "sleep") // the trap is set before the exec
				var seen []Step
				steps, err := Terminate(context.Background(), p.Target, 300*time.Millisecond, m.o,
					func(s Step) { seen = append(seen, s) })
				if err != nil {
					t.Fatalf("Terminate: %v (steps %+v)", err, steps)
				}
				var what []string
				for _, s := range steps {
					what = append(what, s.What)
					t.Logf("step %-7s took %-12v err=%v exit=%+v", s.What, s.Took, s.Err, s.Exit)
				}
				if !slices.Equal(what, c.steps) || len(seen) != len(steps) {
					t.Fatalf("steps %v (progress saw %d), want %v", what, len(seen), c.steps)
				}
				if len(steps) == 4 && !errors.Is(steps[1].Err, ErrStillRunning) {
					t.Errorf("first wait: %v, want ErrStillRunning", steps[1].Err)
				}
				checkSignaled(t, steps[len(steps)-1].Exit, c.signal, true)
			})
		}
	}
}

// TestTerminateGone: Terminate on a process that has already exited says so.
func TestTerminateGone(t *testing.T) {
	live(t)
	steps, err := Terminate(context.Background(), spawnReaped(t).Target, time.Second, Options{}, nil)
	if !exited(err) || len(steps) != 1 {
		t.Errorf("Terminate on a reaped process = %d steps, %v; want one step and ErrGone", len(steps), err)
	}
}
