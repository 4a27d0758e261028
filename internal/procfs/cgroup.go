package procfs

import "bytes"

// ParseCgroup returns the cgroup path of a process from the contents of
// /proc/PID/cgroup, see cgroups(7). Each line is "hierarchy-ID:controllers:path".
// The cgroup v2 line ("0::/path") wins; on a v1-only system the path of the
// "name=systemd" hierarchy, or else of the first line, is returned. The path is
// the file's bytes as they are (it may end in " (deleted)"); "" means the file held
// no usable line.
func ParseCgroup(b []byte) string {
	var systemd, first []byte
	haveFirst := false
	var line []byte
	for i := 0; i < len(b); {
		line, i = nextLine(b, i)
		id, rest, ok := bytes.Cut(line, []byte{':'})
		if !ok {
			continue
		}
		controllers, path, ok := bytes.Cut(rest, []byte{':'})
		if !ok {
			continue
		}
		if string(id) == "0" && len(controllers) == 0 {
			return string(path)
		}
		if systemd == nil && hasController(controllers, "name=systemd") {
			systemd = path
		}
		if !haveFirst {
			first, haveFirst = path, true
		}
	}
	if systemd != nil {
		return string(systemd)
	}
	return string(first)
}

// hasController reports whether the comma-separated list holds name.
func hasController(list []byte, name string) bool {
	for len(list) > 0 {
		var c []byte
		c, list, _ = bytes.Cut(list, []byte{','})
		if string(c) == name {
			return true
		}
	}
	return false
}
