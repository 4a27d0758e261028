package procfs

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// getconf asks the C library's sysconf, through getconf(1), for a value to
// compare with ours.
func getconf(t *testing.T, name string) int {
	t.Helper()
	path, err := exec.LookPath("getconf")
	if err != nil {
		t.Skip("no getconf on this machine")
	}
	out, err := exec.Command(path, name).Output()
	if err != nil {
		t.Fatalf("getconf %s: %v", name, err)
	}
	v, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestClockTicksMatchesSysconf(t *testing.T) {
	if got, want := ClockTicks(), getconf(t, "CLK_TCK"); got != want {
		t.Errorf("ClockTicks() = %d, getconf CLK_TCK = %d", got, want)
	}
}

func TestPageSizeMatchesSysconf(t *testing.T) {
	if got, want := PageSize(), getconf(t, "PAGESIZE"); got != want {
		t.Errorf("PageSize() = %d, getconf PAGESIZE = %d", got, want)
	}
}
