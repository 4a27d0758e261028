package ui_test

import (
	"testing"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// The command-line refresh setting reaches the feed at start and when it
// changes, as the setup screen changes it.
func TestCmdlineEveryTickReachesTheFeed(t *testing.T) {
	h := start(t, ui.Config{Settings: uitest.Settings(func(s *config.Settings) { s.CmdlineEveryTick = true })},
		sortProcs()...)
	if !h.feed.CmdlineEveryTick() {
		t.Error("the setting did not reach the feed at start")
	}
}
