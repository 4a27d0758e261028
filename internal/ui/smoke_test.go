package ui_test

import (
	"context"
	"testing"

	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

func TestSmoke(t *testing.T) {
	s := uitest.NewScreen(120, 30)
	feed := uitest.NewFeed()
	cfg := ui.Config{Feed: feed, Screen: s.Screen(), AfterDraw: s.AfterDraw}
	uitest.Start(t, func(ctx context.Context) error { return ui.Run(ctx, cfg) })
	feed.Publish(t, uitest.Snapshot(uitest.Proc(1, 0, "root", "/sbin/init splash"), uitest.Proc(42, 1, "alice", "/usr/bin/vim notes.txt")))
	s.WaitText(t, "notes.txt")
	t.Log("\n" + s.Text())
}
