package procfs

import (
	"strconv"
	"strings"
)

// Mapping is one line of /proc/PID/maps that maps a file.
type Mapping struct {
	Start, End   uint64 // address range
	Perms        string // "r-xp": read, write, execute, private or shared
	Offset       uint64 // offset in the file
	Major, Minor uint32 // device of the file
	Inode        uint64
	// Path is the file's path as the kernel writes it (a newline in the name
	// as "\012"), " (deleted)" appended when the file was removed.
	Path string
}

// ParseMaps parses /proc/PID/maps and returns the mappings of files: anonymous
// memory, [heap], [stack] and [vdso] have inode 0 and are left out, as is a line
// that does not parse.
func ParseMaps(b []byte) []Mapping {
	var out []Mapping
	for line := range strings.Lines(string(b)) {
		if m, ok := parseMapsLine(strings.TrimSuffix(line, "\n")); ok && m.Inode != 0 {
			out = append(out, m)
		}
	}
	return out
}

// parseMapsLine parses "start-end perms offset maj:min inode   path".
func parseMapsLine(line string) (Mapping, bool) {
	var f [5]string
	rest := leadingFields(line, f[:])
	lo, hi, ok1 := strings.Cut(f[0], "-")
	maj, min, ok2 := strings.Cut(f[3], ":")
	var m Mapping
	var errs [6]error
	m.Start, errs[0] = strconv.ParseUint(lo, 16, 64)
	m.End, errs[1] = strconv.ParseUint(hi, 16, 64)
	m.Offset, errs[2] = strconv.ParseUint(f[2], 16, 64)
	ma, e3 := strconv.ParseUint(maj, 16, 32)
	mi, e4 := strconv.ParseUint(min, 16, 32)
	errs[3], errs[4] = e3, e4
	m.Inode, errs[5] = strconv.ParseUint(f[4], 10, 64)
	if !ok1 || !ok2 || len(f[1]) != 4 {
		return Mapping{}, false
	}
	for _, err := range errs {
		if err != nil {
			return Mapping{}, false
		}
	}
	m.Major, m.Minor, m.Perms = uint32(ma), uint32(mi), f[1]
	m.Path = strings.TrimLeft(rest, " ")
	return m, true
}
