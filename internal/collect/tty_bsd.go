//go:build darwin || freebsd

package collect

import (
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/sysctl"
)

// ttyRescan is how often a terminal device missing from the map may trigger a
// new scan of /dev (new pseudo-terminals appear while we run).
const ttyRescan = 5 * time.Second

// ttyNames maps terminal device numbers to their names under /dev ("ttys003"
// on macOS, "pts/2" on FreeBSD), learned by scanning /dev: neither kernel
// names a device in kinfo_proc.
type ttyNames struct {
	names   map[uint64]string
	scanned time.Time
}

// name returns the terminal's name, "" for none, or "?" for a device that is not
// under /dev.
func (t *ttyNames) name(dev uint64) string {
	if dev == sysctl.NoDev {
		return ""
	}
	if n, ok := t.names[dev]; ok {
		return n
	}
	if time.Since(t.scanned) >= ttyRescan {
		t.scan()
		if n, ok := t.names[dev]; ok {
			return n
		}
	}
	return "?"
}

// scan records the character devices of /dev and /dev/pts whose names look like
// terminals.
func (t *ttyNames) scan() {
	t.scanned = time.Now()
	for _, dir := range []string{"/dev", "/dev/pts"} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, de := range ents {
			name := de.Name()
			if dir == "/dev" && !strings.HasPrefix(name, "tty") && name != "console" {
				continue
			}
			path := dir + "/" + name
			var st unix.Stat_t
			if unix.Stat(path, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFCHR {
				continue
			}
			t.names[rdev(&st)] = strings.TrimPrefix(path, "/dev/")
		}
	}
}
