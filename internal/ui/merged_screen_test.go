package ui_test

import (
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// p hides and shows the program's directory; m merges the executable, the
// comm and the command line as htop does; both are settings, saved.
func TestProgramPathAndMergeKeys(t *testing.T) {
	p := uitest.Proc(10, 1, "root", "/usr/sbin/nginx -g daemon")
	p.Name = "worker" // renamed itself
	p.Info.Exe = "/usr/sbin/nginx"
	p.Known |= collect.KnownExe
	var saved []bool
	cfg := ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}
	cfg.Changed = func(edit func(*config.Settings)) error {
		s := config.Defaults()
		edit(&s)
		saved = append(saved, s.ShowProgramPath, s.MergedCommand)
		return nil
	}
	h := start(t, cfg, p)
	h.WaitText(t, " /usr/sbin/nginx -g daemon")
	h.Type("p")
	h.WaitText(t, " nginx -g daemon")
	h.WaitGone(t, "/usr/sbin/nginx")
	h.Type("m")
	h.WaitText(t, " nginx│worker│ -g daemon")
	h.Type("p")
	h.WaitText(t, " /usr/sbin/nginx│worker│ -g daemon")
	h.Type("m")
	h.WaitText(t, " /usr/sbin/nginx -g daemon")
	h.WaitGone(t, "worker")
	if len(saved) != 8 || saved[0] || !saved[3] || saved[7] {
		t.Fatalf("settings saved (path, merged) per key: %v", saved)
	}
}
