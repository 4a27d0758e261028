package control

import (
	"context"
	"errors"
	"testing"
)

// TestBadTarget: a PID <= 0 never reaches an OS hook (kill(2) would read 0 as our
// process group and -1 as every process we may signal).
func TestBadTarget(t *testing.T) {
	for _, pid := range []int{0, -1, -12345} {
		tg := Target{PID: pid}
		_, errSend := Send(tg, ForceSignal(), Options{})
		_, errNice := Renice(tg, 0, Options{ForcePoll: true})
		_, errWait := Wait(context.Background(), tg, Options{})
		for _, err := range []error{errSend, errNice, errWait} {
			if !errors.Is(err, ErrBadTarget) {
				t.Errorf("pid %d: %v, want ErrBadTarget", pid, err)
			}
		}
	}
}
