package control

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// voluntarySwitches reads the calling thread's voluntary context switches.
func voluntarySwitches() (int, error) {
	b, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(unix.Gettid()) + "/status")
	if err != nil {
		return 0, err
	}
	const key = "\nvoluntary_ctxt_switches:"
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return 0, fmt.Errorf("no %q in status", key)
	}
	rest, _, _ := bytes.Cut(b[i+len(key):], []byte("\n"))
	return strconv.Atoi(string(bytes.TrimSpace(rest)))
}

// TestWaitCost measures what a 5 s Wait on a live process costs the waiting
// thread in voluntary context switches, pidfd against the polling fallback, both
// at once on two locked threads. It logs the figures; it asserts only that each
// Wait ended by its deadline with the process alive.
func TestWaitCost(t *testing.T) {
	live(t)
	p := spawn(t, false)
	const span = 5 * time.Second
	var wg sync.WaitGroup
	for _, m := range modes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ctx, cancel := context.WithTimeout(context.Background(), span)
			defer cancel()
			before, err1 := voluntarySwitches()
			_, err := Wait(ctx, p.Target, m.o)
			after, err2 := voluntarySwitches()
			if err := errors.Join(err1, err2); err != nil {
				t.Error(err)
				return
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: Wait = %v, want the deadline", m.name, err)
			}
			t.Logf("%-8s %v Wait on a live process: %d voluntary context switches of the waiting thread",
				m.name, span, after-before)
		}()
	}
	wg.Wait()
	if !p.alive(t) {
		t.Error("the process died during the waits")
	}
}
