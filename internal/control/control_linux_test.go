package control

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

var kinds = []struct {
	name       string
	grandchild bool
}{{"child", false}, {"grandchild", true}}

// TestSendAndWait signals a child and a grandchild that is not our child on both
// paths while a Wait blocks on each, and logs how long after the signal the Wait
// returned.
func TestSendAndWait(t *testing.T) {
	live(t)
	for _, m := range modes {
		for _, k := range kinds {
			t.Run(m.name+"/"+k.name, func(t *testing.T) {
				p := spawn(t, k.grandchild)
				type waited struct {
					ex  Exit
					err error
					at  time.Time
				}
				ch := make(chan waited, 1)
				go func() {
					ex, err := Wait(context.Background(), p.Target, m.o)
					ch <- waited{ex, err, time.Now()}
				}()
				time.Sleep(50 * time.Millisecond) // let Wait block (setup only)
				sent := time.Now()
				res, err := Send(p.Target, GracefulSignal(), m.o)
				if err != nil || res.Path != m.send {
					t.Fatalf("Send = %v, %v; want path %s", res, err, m.send)
				}
				w := <-ch
				if w.err != nil {
					t.Fatalf("Wait: %v", w.err)
				}
				t.Logf("%s %s: Wait returned %v after the signal (%+v)", m.name, k.name, w.at.Sub(sent), w.ex)
				want := m.wait
				if !k.grandchild && m.wait == PathPidfd {
					want = PathWaitid
				}
				if w.ex.Path != want {
					t.Errorf("Exit.Path = %s, want %s", w.ex.Path, want)
				}
				checkSignaled(t, w.ex, 15, !k.grandchild || os.Geteuid() == 0)
			})
		}
	}
}

// checkSignaled checks an Exit for death by sig; a status must be known when need.
func checkSignaled(t *testing.T, ex Exit, sig int, need bool) {
	t.Helper()
	if !ex.StatusKnown {
		if need {
			t.Errorf("exit status unknown, want signal %d", sig)
		}
		return
	}
	if !ex.Signaled || ex.Signal != sig {
		t.Errorf("Exit = %+v, want killed by signal %d", ex, sig)
	}
}

// TestWaitExitCode reads the exit code of a child and of a grandchild.
func TestWaitExitCode(t *testing.T) {
	live(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			child := spawnChild(t, exec.Command("sh", "-c", "sleep 0.1; exit 3"))
			grand := spawnGrandchild(t, "sleep 0.1; exit 7")
			for _, c := range []struct {
				p    proc
				code int
				need bool
			}{{child, 3, true}, {grand, 7, os.Geteuid() == 0}} {
				ex, err := Wait(context.Background(), c.p.Target, m.o)
				if err != nil {
					t.Fatalf("Wait(%d): %v", c.p.PID, err)
				}
				if ex.StatusKnown && (ex.Signaled || ex.Code != c.code) || !ex.StatusKnown && c.need {
					t.Errorf("pid %d: Exit = %+v, want code %d", c.p.PID, ex, c.code)
				}
			}
		})
	}
}

// TestReusedStartRefused gives every action a Target whose start time is not the
// live process's: all refuse with ErrReused and the process lives on.
func TestReusedStartRefused(t *testing.T) {
	live(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := spawn(t, false)
			errs := actions(Target{PID: p.PID, Start: p.Start + 1}, m.o)
			for what, err := range errs {
				if !errors.Is(err, ErrReused) {
					t.Errorf("%s: %v, want ErrReused", what, err)
				}
			}
			t.Logf("refusal reads: %v", errs["Send"])
			st, _, err := readStat(p.PID)
			if !p.alive(t) || err != nil || st.Nice == 7 {
				t.Errorf("pid %d was touched: alive=%v nice=%d err=%v", p.PID, p.alive(t), st.Nice, err)
			}
			if io := ioprioGet(t, p.PID); io>>13 == int(IOClassIdle) {
				t.Errorf("pid %d was touched: I/O priority %#x", p.PID, io)
			}
			if pol := schedGet(t, p.PID); pol == unix.SCHED_BATCH {
				t.Errorf("pid %d was touched: policy %d", p.PID, pol)
			}
		})
	}
}

// TestRealPIDReuse kills a process, makes the kernel give its PID to a new one
// (root: /proc/sys/kernel/ns_last_pid) and checks that the old Target cannot
// reach the newcomer.
func TestRealPIDReuse(t *testing.T) {
	live(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := spawnReaped(t)
			err := os.WriteFile("/proc/sys/kernel/ns_last_pid", []byte(strconv.Itoa(p.PID-1)), 0)
			if err != nil {
				t.Skipf("cannot steer PID allocation: %v", err)
			}
			fresh := spawnChild(t, exec.Command("sleep", "60"))
			if fresh.PID != p.PID {
				t.Skipf("another process took pid %d (got %d)", p.PID, fresh.PID)
			}
			_, err = Send(p.Target, ForceSignal(), m.o)
			if !errors.Is(err, ErrReused) || !fresh.alive(t) {
				t.Fatalf("Send to the old target: %v; newcomer alive=%v", err, fresh.alive(t))
			}
			t.Logf("pid %d reused: %v", p.PID, err)
		})
	}
}

// TestGone: every action on a reaped process says it has exited.
func TestGone(t *testing.T) {
	live(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			for what, err := range actions(spawnReaped(t).Target, m.o) {
				if !exited(err) {
					t.Errorf("%s on a reaped process: %v, want ErrGone or ErrReused", what, err)
				}
			}
		})
	}
}

// actions runs Send (SIGKILL), Renice (7), SetIOPriority (idle), SetAffinity
// (the first CPU), SetPolicy (SCHED_BATCH) and Wait on t and returns their
// errors.
func actions(t Target, o Options) map[string]error {
	_, errSend := Send(t, ForceSignal(), o)
	_, errNice := Renice(t, 7, o)
	_, errIO := SetIOPriority(t, IOPriority{Class: IOClassIdle}, o)
	_, errCPU := SetAffinity(t, []int{firstCPU()}, o)
	_, errPol := SetPolicy(t, Policy{Num: unix.SCHED_BATCH, Name: "SCHED_BATCH"}, 0, o)
	_, errWait := Wait(context.Background(), t, o)
	return map[string]error{"Send": errSend, "Renice": errNice, "SetIOPriority": errIO,
		"SetAffinity": errCPU, "SetPolicy": errPol, "Wait": errWait}
}

// TestRenice sets a nice value and reads it back from /proc.
func TestRenice(t *testing.T) {
	live(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := spawn(t, true)
			res, err := Renice(p.Target, 5, m.o)
			if err != nil || res.Path != m.send {
				t.Fatalf("Renice = %v, %v; want path %s", res, err, m.send)
			}
			if st, _, err := readStat(p.PID); err != nil || st.Nice != 5 {
				t.Errorf("nice after Renice(5) = %d (%v)", st.Nice, err)
			}
		})
	}
}

// TestWaitCancel: Wait on a live process returns ctx's error when ctx ends.
func TestWaitCancel(t *testing.T) {
	live(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := spawn(t, true)
			ctx, cancel := context.WithCancel(context.Background())
			go func() { time.Sleep(20 * time.Millisecond); cancel() }()
			_, err := Wait(ctx, p.Target, m.o)
			if !errors.Is(err, context.Canceled) || !p.alive(t) {
				t.Errorf("Wait = %v, want context.Canceled with the process alive", err)
			}
		})
	}
}

// TestThreadTarget acts on a thread that does not lead its process: pidfd_open
// refuses it (EINVAL, or ENOENT on 6.18), so every action takes the fallback,
// and a signal to a thread reaches its whole process, as kill(2) does for htop.
func TestThreadTarget(t *testing.T) {
	live(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"=sleep")
	leader := spawnChild(t, cmd)
	var tid int
	for deadline := time.Now().Add(5 * time.Second); tid == 0 && time.Now().Before(deadline); {
		tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(leader.PID) + "/task")
		for _, e := range tasks {
			if n, _ := strconv.Atoi(e.Name()); n != leader.PID && n > 0 {
				tid = n
			}
		}
		time.Sleep(time.Millisecond)
	}
	st, _, err := readStat(tid)
	if tid == 0 || err != nil {
		t.Fatalf("no thread besides the leader %d: %v", leader.PID, err)
	}
	thread := Target{PID: tid, Start: st.StartTime}
	if res, err := Renice(thread, 3, Options{}); err != nil || res.Path != PathKill {
		t.Errorf("Renice(thread) = %v, %v; want the fallback", res, err)
	}
	if res, err := Send(thread, GracefulSignal(), Options{}); err != nil || res.Path != PathKill {
		t.Errorf("Send(thread) = %v, %v; want the fallback", res, err)
	}
	ex, err := Wait(context.Background(), thread, Options{})
	if err == nil && ex.Path != PathPoll || err != nil && !exited(err) {
		t.Errorf("Wait(thread) = %+v, %v; want the fallback or ErrGone", ex, err)
	}
	cmd.Wait()
	if leader.alive(t) {
		t.Error("SIGTERM to a thread left its process alive")
	}
}
