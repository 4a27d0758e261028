package stress

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fill starts bench/cmd/spawn until /proc lists total processes, and stops it
// (it kills and reaps its children by PID) when the test ends.
func fill(t *testing.T, total int) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "spawn")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/pidtop/pidtop/bench/cmd/spawn").CombinedOutput(); err != nil {
		t.Fatalf("go build spawn: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, strconv.Itoa(total))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // spawn kills its children by PID
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("spawn: %v", err)
			}
		case <-time.After(5 * time.Minute): // a deadlock guard
			_ = cmd.Process.Kill()
			<-done
			t.Error("spawn did not stop on SIGTERM")
		}
	})
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "ready ") {
			t.Logf("spawn: %s", lines.Text())
			go func() { // spawn's later lines, unread, must not block it
				for lines.Scan() {
				}
			}()
			return
		}
	}
	t.Fatalf("spawn ended before it was ready: %v", lines.Err())
}

// procCount is how many processes /proc lists now.
func procCount(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err == nil {
			n++
		}
	}
	return n
}
