package ui

import (
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// The meters follow the settings while pidtop runs, and so does the header's
// height.
func TestMetersChangeLive(t *testing.T) {
	r, scr := newTestRunner(t, uitest.Settings())
	if r.meters.height() != 6 { // 2 CPUs, Avg, Mem, Swp and the blank line
		t.Fatalf("default header height %d", r.meters.height())
	}
	r.change(func(s *config.Settings) {
		s.Left, s.Right, s.CPUCountFromOne = []config.Meter{{Name: "uptime"}}, []config.Meter{{Name: "memory", Mode: config.ModeText}}, true
	})
	r.app.ForceDraw()
	lines := scr.Lines()
	if h := r.meters.height(); h != 2 || !strings.HasPrefix(lines[0], "Uptime: 1 day, 02:00:00 ") ||
		strings.Index(lines[0], "Mem: 3.00G used/8.00G buffers:256M shared:0K cache:2.00G") != 61 || lines[1] != "" {
		t.Errorf("height %d, header:\n%s", h, strings.Join(lines[:3], "\n"))
	}
}
