package procfs

import "bytes"

// ParseCgroup returns the cgroup path of a process from the contents of
// /proc/PID/cgroup, see cgroups(7). Each line is "hierarchy-ID:controllers:path".
// The cgroup v2 line ("0::/path") wins unless it is the bare root "/" of a hybrid
// system whose v1 hierarchies do the placing (a container runtime that uses only
// the v1 memory controller, say); then, as on a v1-only system, the first non-root
// path of the "name=systemd" hierarchy, else of any hierarchy, is returned. The
// path is the file's bytes as they are (it may end in " (deleted)"); "" means the
// file held no usable line.
func ParseCgroup(b []byte) string {
	var v2, systemd, other, first []byte
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
		root := string(path) == "/"
		switch {
		case string(id) == "0" && len(controllers) == 0:
			if !root {
				return string(path)
			}
			v2 = path
		case systemd == nil && !root && hasController(controllers, "name=systemd"):
			systemd = path
		case other == nil && !root:
			other = path
		}
		if !haveFirst {
			first, haveFirst = path, true
		}
	}
	for _, p := range [][]byte{systemd, other, v2} {
		if p != nil {
			return string(p)
		}
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
