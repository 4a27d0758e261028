package main

import (
	"bytes"
	"strings"
	"testing"
)

// --listen takes HOST:PORT and runs alone: a flag of the viewer or of batch
// output beside it is a usage error (status 2), not silently ignored.
func TestListenFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // in stderr; "" for a valid command line
	}{
		{[]string{"--listen", "127.0.0.1:9256"}, ""},
		{[]string{"--listen=:9256", "-d", "50", "--no-config"}, ""},
		{[]string{"--listen", "9256"}, `--listen "9256": want HOST:PORT`},
		{[]string{"--listen", "127.0.0.1:9256", "-b"}, "does not combine with --batch"},
		{[]string{"--listen", "127.0.0.1:9256", "-p", "1"}, "does not combine with --pid"},
		{[]string{"--listen", "127.0.0.1:9256", "--tree"}, "does not combine with --tree"},
	} {
		o, err := parseFlags(c.args, &bytes.Buffer{})
		if c.want == "" {
			if err != nil || o.listen == "" {
				t.Errorf("%q: %v", c.args, err)
			}
			continue
		}
		var stderr bytes.Buffer
		if status := run(c.args, &bytes.Buffer{}, &stderr); status != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: status %d, stderr %q; want 2 and %q", c.args, status, stderr.String(), c.want)
		}
	}
}

// An address that cannot be bound is an error with the reason, status 1.
func TestListenRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	var stderr bytes.Buffer
	if status := run([]string{"--no-config", "--listen", "192.0.2.1:9"}, &bytes.Buffer{}, &stderr); status != 1 ||
		!strings.Contains(stderr.String(), "pidtop: --listen: ") {
		t.Errorf("status %d, stderr %q", status, stderr.String())
	}
}
