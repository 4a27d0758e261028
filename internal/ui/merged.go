package ui

import (
	"strings"

	"github.com/pidtop/pidtop/internal/collect"
)

// The merged command, htop's "Merge exe, comm and cmdline in Command" (m),
// with htop's defaults for its finer switches (find the comm in the command
// line, strip the executable from it): the executable's path (its base name
// with p off), then the comm where neither holds it, then the command line
// with the executable's own prefix taken off, the parts joined by "│". The
// base name stands out as ever; a comm that differs from the program's name
// (a process that renamed itself) is shown in its own colour.

// commLen is the kernel's TASK_COMM_LEN less the NUL: a longer name is cut.
const commLen = 15

// mergedSep joins the parts of a merged command (htop's tree line; ASCII
// mode draws "|").
const mergedSep = "│"

// putMerged writes p's merged command; p has a command line and is no thread.
func putMerged(w *cellWriter, p *collect.Process, c *rowCtx) {
	cmd, comm, exe := p.Cmdline(), p.Name, p.Exe()
	baseStart, baseEnd := argv0Base(p)
	if !p.Known.Has(collect.KnownExe) || exe == "" || comm == "" {
		// htop's fallback: the command line, prefixed with the comm when the
		// program's base name does not start with it.
		if comm != "" && !strings.HasPrefix(cmd[baseStart:], comm[:min(len(comm), commLen)]) {
			w.put(roleComm, Sanitize(comm))
			w.put(roleSeparator, mergedSep)
		}
		putCmdline(w, cmd, baseStart, baseEnd, c)
		return
	}
	exeBase := strings.LastIndexByte(exe, '/') + 1
	match, bs := matchExe(cmd, baseStart, exe, exeBase)
	if match == 0 {
		match = procSelfExe(cmd)
	} else {
		baseStart = bs
	}
	inExe := exe[exeBase:] == comm || len(comm) >= commLen && strings.HasPrefix(exe[exeBase:], comm)
	commAt, commEnd := -1, -1
	if !inExe {
		commAt, commEnd = findComm(comm, cmd, baseStart)
	}
	rest := cmd[match:]
	if match > 0 && commAt >= 0 {
		if commAt == baseStart {
			inExe, commAt = true, -1
		} else {
			commAt, commEnd = commAt-match, commEnd-match
		}
	}
	if c.look.programPath {
		w.put(roleNormal, Sanitize(exe[:exeBase]))
	}
	switch {
	case c.look.baseName:
		w.put(roleBasename, Sanitize(exe[exeBase:]))
	case inExe:
		w.put(roleComm, Sanitize(exe[exeBase:]))
	default:
		w.put(roleNormal, Sanitize(exe[exeBase:]))
	}
	commField := false
	if !inExe && commAt < 0 {
		w.put(roleSeparator, mergedSep)
		w.put(roleComm, Sanitize(comm))
		commField = true
	}
	if match == 0 || commField && rest != "" {
		w.put(roleSeparator, mergedSep)
	}
	if commAt >= 0 && commAt <= commEnd && commEnd <= len(rest) {
		w.put(roleNormal, Sanitize(rest[:commAt]))
		w.put(roleComm, Sanitize(rest[commAt:commEnd]))
		rest = rest[commEnd:]
	}
	w.put(roleNormal, Sanitize(rest))
}

// argv0Base is where the program's base name starts and ends in p's command
// line: after the last '/' of argv[0].
func argv0Base(p *collect.Process) (start, end int) {
	cmd := p.Cmdline()
	end = int(p.Argv0Len())
	if end <= 0 || end > len(cmd) {
		if end = strings.IndexByte(cmd, ' '); end < 0 {
			end = len(cmd)
		}
	}
	return strings.LastIndexByte(cmd[:end], '/') + 1, end
}

// putCmdline writes a command line with its program's base name standing out
// and, with p off, without the program's directory.
func putCmdline(w *cellWriter, cmd string, start, end int, c *rowCtx) {
	if c.look.programPath {
		w.put(roleNormal, Sanitize(cmd[:start]))
	}
	base := roleNormal
	if c.look.baseName {
		base = roleBasename
	}
	w.put(base, Sanitize(cmd[start:end]))
	w.put(roleNormal, Sanitize(cmd[end:]))
}

// delim reports whether the command line ends or an argument ends at i.
func delim(cmd string, i int) bool { return i >= len(cmd) || cmd[i] == ' ' || cmd[i] == '\n' }

// matchExe is htop's matchCmdlinePrefixWithExeSuffix: the length of the
// command line's prefix that names the executable (its whole path when argv[0]
// is absolute; else a relative path ending in the executable's base name),
// or 0; and where the base name then starts in the command line. A process
// that rewrote its argv ("gdm-session-worker [pam/gdm-autologin]") may hide
// the base name behind a later '/': earlier components are tried too.
func matchExe(cmd string, baseStart int, exe string, exeBase int) (int, int) {
	baseLen := len(exe) - exeBase
	if cmd == "" {
		return 0, baseStart
	}
	if cmd[0] == '/' {
		if n := len(exe); strings.HasPrefix(cmd, exe) && delim(cmd, n) {
			return n, baseStart
		}
		return 0, baseStart
	}
	off := baseStart
	for {
		if off < exeBase && strings.HasPrefix(cmd[off:], exe[exeBase:]) && delim(cmd, off+baseLen) {
			i, j := off, exeBase
			for i >= 1 && j >= 1 && cmd[i-1] == exe[j-1] {
				i, j = i-1, j-1
			}
			if i < 1 && j >= 1 && exe[j-1] == '/' {
				return off + baseLen, off
			}
		}
		// The previous component: after a '/', before a space.
		if off <= 2 {
			return 0, baseStart
		}
		found := false
		for off -= 2; off > 0; off-- {
			if found {
				if cmd[off-1] == '/' {
					break
				}
			} else if cmd[off] == ' ' || cmd[off] == '\n' {
				found = true
			}
		}
		if !found {
			return 0, baseStart
		}
	}
}

// procSelfExe is the length of a /proc/self/exe or /proc/thread-self/exe that
// starts the command line (a program that re-executed itself), or 0: htop
// strips those from the merged command as it would the executable's path.
func procSelfExe(cmd string) int {
	for _, pre := range []string{"/proc/self/exe", "/proc/thread-self/exe"} {
		if strings.HasPrefix(cmd, pre) && delim(cmd, len(pre)) {
			return len(pre)
		}
	}
	return 0
}

// findComm is htop's findCommInCmdline: the first argument from the base
// name on whose own base name is the comm (or starts with it, when the comm
// was cut at commLen), as the byte range of that base name; -1, -1 if none.
func findComm(comm, cmd string, from int) (int, int) {
	n := len(comm)
	for tok := from; tok < len(cmd); {
		base, end := tok, tok
		for ; end < len(cmd) && cmd[end] != ' ' && cmd[end] != '\n'; end++ {
			if cmd[end] == '/' {
				base = end + 1
			}
		}
		if l := end - base; (l == n || l > n && n == commLen) && strings.HasPrefix(cmd[base:], comm) {
			return base, end
		}
		for tok = end; tok < len(cmd) && (cmd[tok] == ' ' || cmd[tok] == '\n'); tok++ {
		}
	}
	return -1, -1
}
