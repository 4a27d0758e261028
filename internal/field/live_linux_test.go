package field

import (
	"os"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
)

// On a live /proc every field declared for Linux has a value for this test's
// own process (every file of one's own process is readable), and no other does.
func TestLiveAvailabilityMatchesOS(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	c, err := collect.New(collect.Config{Needs: collect.NeedAll})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Prime()
	s := c.Collect()
	var self *collect.Process
	for i := range s.Procs {
		if p := &s.Procs[i]; int(p.PID) == os.Getpid() && !p.Is(collect.FlagExited) {
			self = p
		}
	}
	if self == nil {
		t.Fatal("own process not in the snapshot")
	}
	for _, f := range AllFields() {
		if got, want := f.Has(self), f.OS&Linux != 0; got != want {
			t.Errorf("%s: has a value %v, declared for Linux %v", f.ID, got, want)
		}
	}
}
