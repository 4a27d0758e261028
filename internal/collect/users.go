package collect

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// userCache maps user IDs to names. It is owned by the collector's goroutine.
// Names come from a passwd(5) file parsed in pure Go (no cgo, no NSS), then on
// macOS from the system's directory: a uid nobody names is shown as its number,
// like ps does.
type userCache struct {
	load   func() (io.ReadCloser, error) // opens the passwd file
	names  map[uint32]string
	loaded bool
}

// name returns the user name for uid, loading the passwd file on first use. A
// uid the file does not name is asked of the system (macOS) or shown as its
// number, and that answer is kept: an account added while pidtop runs shows as
// a number until the next start.
func (c *userCache) name(uid uint32) string {
	if s, ok := c.names[uid]; ok {
		return s
	}
	if !c.loaded {
		c.reload()
		if s, ok := c.names[uid]; ok {
			return s
		}
	}
	s, ok := systemUserName(uid)
	if !ok {
		s = strconv.FormatUint(uint64(uid), 10)
	}
	c.names[uid] = s
	return s
}

func (c *userCache) reload() {
	c.loaded = true
	if c.names == nil {
		c.names = make(map[uint32]string)
	}
	if c.load == nil {
		return
	}
	f, err := c.load()
	if err != nil {
		return
	}
	defer f.Close()
	parsePasswd(f, c.names)
}

// parsePasswd adds name:x:uid:… lines to names; malformed lines are skipped.
func parsePasswd(r io.Reader, names map[uint32]string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' || line[0] == '+' || line[0] == '-' {
			continue
		}
		name, rest, ok := bytes.Cut(line, []byte{':'})
		if !ok || len(name) == 0 {
			continue
		}
		_, rest, ok = bytes.Cut(rest, []byte{':'}) // password
		if !ok {
			continue
		}
		uidField, _, _ := bytes.Cut(rest, []byte{':'})
		uid, err := strconv.ParseUint(string(uidField), 10, 32)
		if err != nil {
			continue
		}
		if _, dup := names[uint32(uid)]; !dup { // first entry wins, as getpwuid does
			names[uint32(uid)] = string(name)
		}
	}
}
