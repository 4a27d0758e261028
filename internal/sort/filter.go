package sort

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/collect"
)

// Matcher is a compiled htop filter: case-insensitive substrings of a process's
// name or command line, alternatives separated by '|'. There is no regex and no
// negation, as in htop. The zero Matcher matches everything.
type Matcher struct {
	alts []string // lower-cased, non-empty
}

// Compile turns filter text into a Matcher. Empty alternatives ("a||b", a trailing
// '|') are dropped; spaces are kept, so "foo bar" matches only that phrase.
func Compile(text string) Matcher {
	var m Matcher
	for _, a := range strings.Split(text, "|") {
		if a != "" {
			m.alts = append(m.alts, strings.ToLower(a))
		}
	}
	return m
}

// Empty reports whether the matcher has no alternative (it matches everything).
func (m Matcher) Empty() bool { return len(m.alts) == 0 }

// Match reports whether p's name or command line contains one of the alternatives.
func (m Matcher) Match(p *collect.Process) bool {
	if len(m.alts) == 0 {
		return true
	}
	for _, a := range m.alts {
		if containsFold(p.Name, a) || containsFold(p.Cmdline(), a) {
			return true
		}
	}
	return false
}

// containsFold reports whether h contains the lower-case needle, ignoring case. An
// ASCII needle is compared byte by byte with ASCII folding and no allocation
// (a multi-byte UTF-8 sequence never equals an ASCII byte); otherwise h is folded.
func containsFold(h, needle string) bool {
	if len(needle) > len(h) {
		return false
	}
	if !isASCII(needle) {
		return strings.Contains(strings.ToLower(h), needle)
	}
	first := needle[0]
	for i := 0; i+len(needle) <= len(h); i++ {
		if lower(h[i]) != first {
			continue
		}
		j := 1
		for j < len(needle) && lower(h[i+j]) == needle[j] {
			j++
		}
		if j == len(needle) {
			return true
		}
	}
	return false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Query selects which processes are shown.
type Query struct {
	Filter string  // htop filter text (see Compile); "" shows all
	User   string  // only this user's processes: a name, or a UID in decimal; "" = all
	PIDs   []int32 // only these processes and their threads; empty = all
	// HideKernelThreads drops kernel threads (htop's K; htop hides them by default).
	HideKernelThreads bool
	// HideThreads drops userland thread rows (htop's H).
	HideThreads bool
	// HideExited drops the tombstones of processes that exited this tick:
	// htop lists a dead process (in red) only while it highlights changes (-H).
	HideExited bool
}

// Select appends to dst the indices of the processes that pass q, in input order,
// and returns it.
func Select(procs []collect.Process, q Query, dst []int) []int {
	m := Compile(q.Filter)
	uid, uidErr := strconv.ParseUint(q.User, 10, 32)
	for i := range procs {
		p := &procs[i]
		switch {
		case q.HideKernelThreads && p.Flags&collect.FlagKernelThread != 0:
		case q.HideThreads && p.Flags&collect.FlagThread != 0:
		case q.HideExited && p.Flags&collect.FlagExited != 0:
		case q.User != "" && p.User() != q.User && (uidErr != nil || !p.Known.Has(collect.KnownUser) || uint64(p.UID()) != uid):
		case len(q.PIDs) > 0 && !slices.Contains(q.PIDs, p.PID) && !slices.Contains(q.PIDs, p.TGID):
		case !m.Match(p):
		default:
			dst = append(dst, i)
		}
	}
	return dst
}

// Sort orders the indices idx of procs by c (see By); c is a total order, so the
// result does not depend on the input order.
func Sort(procs []collect.Process, idx []int, c Cmp) {
	slices.SortFunc(idx, func(i, j int) int { return c(&procs[i], &procs[j]) })
}

// Apply is Select followed by Sort: the indices of the processes that pass q, in
// c's order. Batch mode's whole pipeline when no tree is asked for.
func Apply(procs []collect.Process, q Query, c Cmp) []int {
	idx := Select(procs, q, make([]int, 0, len(procs)))
	Sort(procs, idx, c)
	return idx
}
