package export

import (
	"fmt"
	"regexp"

	"github.com/pidtop/pidtop/internal/collect"
)

// The special groups' names. A process may call itself either; its series
// then merge with the group's, which bounds what it can do to counting.
const (
	// OverflowGroup counts the processes of the groups beyond MaxGroups.
	OverflowGroup = "~other"
	// KernelGroup holds every kernel thread when grouping by name: their
	// names carry CPU and queue numbers (kworker/3:1H), one group each
	// otherwise.
	KernelGroup = "[kernel]"
)

// Rule puts the processes it matches into the group Name.
type Rule struct {
	Name    string
	Comm    string // a regular expression the whole name must match; "" matches any
	Cmdline string // a regular expression the command line must contain; "" matches any
}

// grouper names a process's group: the first rule that matches, else its
// name, user or cgroup.
type grouper struct {
	by    string
	rules []compiledRule
}

type compiledRule struct {
	name          string
	comm, cmdline *regexp.Regexp
}

func newGrouper(by string, rules []Rule) (grouper, error) {
	switch by {
	case "comm", "user", "cgroup":
	case "":
		by = "comm"
	default:
		return grouper{}, fmt.Errorf("group by %q: expected comm, user or cgroup", by)
	}
	g := grouper{by: by}
	for _, r := range rules {
		c := compiledRule{name: r.Name}
		var err error
		if r.Comm != "" {
			if c.comm, err = regexp.Compile(`^(?:` + r.Comm + `)$`); err != nil {
				return grouper{}, fmt.Errorf("group %q: comm: %w", r.Name, err)
			}
		}
		if r.Cmdline != "" {
			if c.cmdline, err = regexp.Compile(r.Cmdline); err != nil {
				return grouper{}, fmt.Errorf("group %q: cmdline: %w", r.Name, err)
			}
		}
		g.rules = append(g.rules, c)
	}
	return g, nil
}

// needs is what the collector must read for the grouping.
func (g grouper) needs() collect.Needs {
	var n collect.Needs
	for _, r := range g.rules {
		if r.cmdline != nil {
			n |= collect.NeedCmdline
		}
	}
	if g.by == "cgroup" {
		n |= collect.NeedCgroup
	}
	return n
}

// group is p's group name. The caller caches it per process while the
// process keeps its name and Info (see state.key).
func (g grouper) group(p *collect.Process) string {
	for _, r := range g.rules {
		if (r.comm == nil || r.comm.MatchString(p.Name)) &&
			(r.cmdline == nil || p.Known.Has(collect.KnownCmdline) && r.cmdline.MatchString(p.Cmdline())) {
			return r.name
		}
	}
	switch g.by {
	case "user":
		if p.Known.Has(collect.KnownUser) {
			return p.User()
		}
	case "cgroup":
		if p.Known.Has(collect.KnownCgroup) {
			return p.Cgroup()
		}
	default:
		if p.Is(collect.FlagKernelThread) {
			return KernelGroup
		}
		return p.Name
	}
	return "?"
}
