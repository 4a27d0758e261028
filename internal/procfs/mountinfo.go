package procfs

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Mount is one line of /proc/PID/mountinfo, see proc_pid_mountinfo(5):
//
//	36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
type Mount struct {
	MountPoint   string // field 5: relative to the process's root, octal escapes decoded
	FSType       string // the first field after the "-" separator ("proc")
	Source       string // the second ("proc", "/dev/root")
	SuperOptions string // the third: the file system's own options ("rw,hidepid=invisible")
}

// ParseMountInfo parses the contents of /proc/PID/mountinfo, one Mount per
// line, in the file's order: a later mount at the same point hides an earlier.
func ParseMountInfo(b []byte) ([]Mount, error) {
	var mounts []Mount
	for n := 1; len(b) > 0; n++ {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(line) == 0 {
			continue
		}
		m, ok := parseMountLine(line)
		if !ok {
			return nil, fmt.Errorf("mountinfo line %d: %w", n, ErrMalformed)
		}
		mounts = append(mounts, m)
	}
	return mounts, nil
}

// parseMountLine parses one line: six fixed fields, optional fields up to a
// lone "-", then the type, the source and the super options.
func parseMountLine(line []byte) (Mount, bool) {
	sc := fieldScanner{b: line}
	var fixed [6][]byte
	for i := range fixed {
		if fixed[i] = sc.next(); fixed[i] == nil {
			return Mount{}, false
		}
	}
	for {
		f := sc.next()
		if f == nil {
			return Mount{}, false
		}
		if string(f) == "-" {
			break
		}
	}
	fstype, source, opts := sc.next(), sc.next(), sc.next()
	if opts == nil {
		return Mount{}, false
	}
	return Mount{MountPoint: unescapeMount(fixed[4]), FSType: string(fstype), Source: string(source),
		SuperOptions: string(opts)}, true
}

// unescapeMount decodes the kernel's octal escapes of a path in mountinfo
// (space \040, tab \011, newline \012, backslash \134); anything else stays.
func unescapeMount(b []byte) string {
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+4 <= len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+4]), 8, 8); err == nil {
				out = append(out, byte(v))
				i += 3
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// HidesPIDs reports whether the super options of a proc mount hide other users'
// processes, see proc(5): hidepid=1 or noaccess (listed, not readable), 2 or
// invisible (not listed), 4 or ptraceable (only those the reader may ptrace).
// gid is the gid= option, whose members see every process anyway, or -1.
// subset=pid hides no process (only the files that are not a process's), so
// it is not reported here.
func HidesPIDs(opts string) (hides bool, gid int64) {
	gid = -1
	for o := range strings.SplitSeq(opts, ",") {
		key, val, _ := strings.Cut(o, "=")
		switch key {
		case "hidepid":
			hides = val != "0" && val != "off"
		case "gid":
			if v, err := strconv.ParseUint(val, 10, 32); err == nil {
				gid = int64(v)
			}
		}
	}
	return hides, gid
}
