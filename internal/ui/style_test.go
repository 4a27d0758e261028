package ui_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

func TestColours(t *testing.T) {
	procs := family()
	procs[1].Flags = collect.FlagNew
	procs[3].Flags = collect.FlagExited
	k := uitest.Proc(2, 0, "root", "")
	k.Name, k.Flags = "kthreadd", collect.FlagKernelThread
	procs = append(procs, k)
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"), uitest.KernelThreads, uitest.Highlight)}, procs...)
	h.WaitText(t, "kthreadd")
	bg := func(text string) tcell.Color {
		x, y, ok := h.Find(text)
		if !ok {
			t.Fatalf("no %q on screen", text)
		}
		_, b, _ := h.Style(x, y).Decompose()
		return b
	}
	fg := func(text string) (tcell.Color, tcell.AttrMask) {
		x, y, _ := h.Find(text)
		f, _, a := h.Style(x, y).Decompose()
		return f, a
	}
	cases := []struct {
		what string
		got  tcell.Color
		want tcell.Color
	}{
		{"column header", bg("USER"), tcell.ColorGreen},
		{"sort column header", bg("PID△"), tcell.ColorTeal},
		{"new process row", bg("bash"), tcell.ColorGreen},
		{"selected row", bg("/sbin/"), tcell.ColorTeal},
		{"function key label", bg("Help"), tcell.ColorTeal},
		{"exited process row", bg("20 bob"), tcell.ColorMaroon},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: background %v, want %v", c.what, c.got, c.want)
		}
	}
	if f, _ := fg("kthreadd"); f != tcell.ColorPurple {
		t.Errorf("kernel thread colour %v, want purple", f)
	}
	if f, a := fg("vim a.txt"); f != tcell.ColorTeal || a&tcell.AttrBold == 0 {
		t.Errorf("basename colour %v attrs %v, want bold teal", f, a)
	}
	if f, _ := fg("a.txt"); f != tcell.ColorDefault {
		t.Errorf("arguments colour %v, want the default", f)
	}
}

// Without -H a new row keeps the plain colours and an exited process is not
// listed at all: htop's default.
func TestNoHighlightByDefault(t *testing.T) {
	p := uitest.Proc(7, 1, "root", "/bin/fresh")
	p.Flags = collect.FlagNew
	q := uitest.Proc(8, 1, "root", "/bin/gone")
	q.Flags = collect.FlagExited
	first := uitest.Proc(1, 0, "root", "/sbin/init") // the selection's row
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"))}, first, p, q)
	lines := h.WaitText(t, "/bin/fresh")
	for y, l := range lines {
		if strings.Contains(l, "/bin/gone") {
			t.Errorf("an exited process is listed without -H: %q", strings.TrimSpace(l))
		}
		if strings.Contains(l, "/bin/fresh") {
			if _, bg, _ := h.Style(0, y).Decompose(); bg != tcell.ColorDefault {
				t.Errorf("row %q has background %v without -H", strings.TrimSpace(l), bg)
			}
		}
	}
}

// With "shadow other users' processes" the rows of processes another user
// owns than pidtop's are drawn in the shadow colour, as htop draws them;
// without it, like any other row.
func TestShadowOtherUsers(t *testing.T) {
	if os.Getuid() < 0 {
		t.Skip("no user IDs here")
	}
	mine := uitest.Proc(7, 1, "me", "/bin/mine")
	mine.Info.UID = uint32(os.Getuid())
	theirs := uitest.Proc(8, 1, "other", "/bin/theirs")
	theirs.Info.UID = uint32(os.Getuid() + 1)
	first := uitest.Proc(1, 0, "root", "/sbin/init") // the selection's row
	first.Info.UID = uint32(os.Getuid() + 2)
	shadow := tcell.PaletteColor(244)
	for _, on := range []bool{true, false} {
		set := uitest.Settings(uitest.SortBy("pid"), func(s *config.Settings) { s.ShadowOtherUsers = on })
		h := start(t, ui.Config{Settings: set}, first, mine, theirs)
		h.WaitText(t, "/bin/theirs")
		fg := func(text string) tcell.Color {
			x, y, _ := h.Find(text)
			f, _, _ := h.Style(x, y).Decompose()
			return f
		}
		if got := fg("other"); (got == shadow) != on {
			t.Errorf("shadowing %v: another user's row is %v", on, got)
		}
		if got := fg("mine"); got == shadow {
			t.Errorf("shadowing %v: pidtop's user's row is in the shadow colour", on)
		}
	}
}

// With -H SECS a new process stays highlighted for SECS seconds of snapshots,
// not one refresh; then it is drawn as any other.
func TestHighlightLastsItsSeconds(t *testing.T) {
	first := uitest.Proc(1, 0, "root", "/sbin/init") // the selection's row
	fresh := uitest.Proc(7, 1, "root", "/bin/fresh")
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"), func(s *config.Settings) {
		s.HighlightChanges, s.HighlightSeconds = true, 5
	})})
	t0 := time.Now()
	bg := func(when time.Duration, newFlag bool) tcell.Color {
		p := fresh
		if newFlag {
			p.Flags = collect.FlagNew
		}
		s := uitest.Snapshot(first, p)
		s.Time = t0.Add(when)
		h.publishSnap(t, s)
		for y, l := range h.Lines() {
			if strings.Contains(l, "/bin/fresh") {
				_, b, _ := h.Style(0, y).Decompose()
				return b
			}
		}
		t.Fatal("no row for /bin/fresh")
		return 0
	}
	if bg(0, true) == tcell.ColorDefault {
		t.Error("a new process is not highlighted")
	}
	if bg(3*time.Second, false) == tcell.ColorDefault {
		t.Error("3 s later, within -H 5, the highlight is gone")
	}
	if b := bg(6*time.Second, false); b != tcell.ColorDefault {
		t.Errorf("6 s later the row is still highlighted (%v)", b)
	}
}

// With -H SECS an exited process stays listed, in the exited colour, for SECS
// seconds of snapshots, though the collector sends its tombstone once; then
// it goes.
func TestExitedRowLastsItsSeconds(t *testing.T) {
	first := uitest.Proc(1, 0, "root", "/sbin/init") // the selection's row
	gone := uitest.Proc(9, 1, "root", "/bin/gone")
	h := start(t, ui.Config{Settings: uitest.Settings(uitest.SortBy("pid"), func(s *config.Settings) {
		s.HighlightChanges, s.HighlightSeconds = true, 5
	})})
	t0 := time.Now()
	show := func(when time.Duration, procs ...collect.Process) {
		s := uitest.Snapshot(procs...)
		s.Time = t0.Add(when)
		h.publishSnap(t, s)
	}
	row := func() (tcell.Color, bool) {
		for y, l := range h.Lines() {
			if strings.Contains(l, "/bin/gone") {
				_, b, _ := h.Style(0, y).Decompose()
				return b, true
			}
		}
		return 0, false
	}
	show(0, first, gone)
	tomb := gone
	tomb.Flags = collect.FlagExited
	show(time.Second, first, tomb)
	exited, ok := row()
	if !ok || exited == tcell.ColorDefault {
		t.Fatalf("the tick it exited: listed %v, background %v", ok, exited)
	}
	show(4*time.Second, first) // the collector no longer sends it
	if b, ok := row(); !ok || b != exited {
		t.Errorf("3 s after it exited, within -H 5: listed %v, background %v (want %v)", ok, b, exited)
	}
	show(7*time.Second, first)
	if _, ok := row(); ok {
		t.Error("6 s after it exited it is still listed")
	}
}
