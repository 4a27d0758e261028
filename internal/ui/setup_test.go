package ui_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// saved records what the viewer hands to Config.Changed and Config.Save.
type saved struct {
	mu      sync.Mutex
	edits   []func(*config.Settings)
	saves   int
	saveErr error
}

func (s *saved) config() ui.Config {
	return ui.Config{
		Settings: uitest.Settings(uitest.SortBy("pid")),
		Changed: func(edit func(*config.Settings)) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.edits = append(s.edits, edit)
			return nil
		},
		Save: func() error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.saves++
			return s.saveErr
		},
	}
}

// file is what a config file written from the defaults would hold after the
// edits received so far: the settings cmd saves.
func (s *saved) file() config.Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := config.Defaults()
	for _, e := range s.edits {
		e(&st)
	}
	return st
}

func (s *saved) saveCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saves
}

// startSetup runs the viewer with a recorder of its settings.
func startSetup(t *testing.T) (*harness, *saved) {
	t.Helper()
	rec := &saved{}
	return start(t, rec.config(), filterProcs()...), rec
}

// titles are the words of the table's header line, which the setup screen
// leaves in view above its panels.
func titles(lines []string) []string {
	h := header(lines)
	if h < 0 {
		return nil
	}
	return strings.Fields(strings.NewReplacer("▽", "", "△", "", "DISK R/W", "DISK_R/W").Replace(lines[h]))
}

// waitTitles waits until the header's titles are want, in that order.
func (h *harness) waitTitles(t *testing.T, what string, want ...string) {
	t.Helper()
	h.WaitFor(t, what+": header "+strings.Join(want, " "), func(lines []string) bool {
		return slices.Equal(titles(lines), want)
	})
}

var mainTitles = []string{"PID", "USER", "PRI", "NI", "VIRT", "RES", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command"}

// clickText clicks the first place the screen shows text.
func (h *harness) clickText(t *testing.T, text string) {
	t.Helper()
	x, y, ok := h.Find(text)
	if !ok {
		t.Fatalf("no %q to click on screen:\n%s", text, h.Text())
	}
	h.Click(x, y)
}

// inPanel finds text in the panel whose title bar reads title: the column of
// the screen from that title's left to the next panel's.
func (h *harness) inPanel(t *testing.T, title, text string) (x, y int) {
	t.Helper()
	lines := h.Lines()
	px, py, ok := h.Find(" " + title)
	if !ok {
		t.Fatalf("no panel %q on screen:\n%s", title, h.Text())
	}
	for y := py + 1; y < len(lines); y++ {
		l := []rune(lines[y])
		if px >= len(l) {
			continue
		}
		rest := string(l[px:])
		if i := strings.Index(rest, text); i >= 0 && i < 12 { // in this panel's first columns
			return px + len([]rune(rest[:i])), y
		}
	}
	t.Fatalf("no %q in panel %q:\n%s", text, title, h.Text())
	return 0, 0
}

func TestSetupOpensWithCategories(t *testing.T) {
	for _, key := range []string{"F2", "S", "C"} {
		t.Run(key, func(t *testing.T) {
			h, _ := startSetup(t)
			h.WaitText(t, "F2Setup")
			if key == "F2" {
				h.Key(tcell.KeyF2)
			} else {
				h.Type(key)
			}
			lines := h.WaitText(t, "Display options")
			for _, want := range []string{"Screens", "Meters", "Colors", "EscDone"} {
				if !strings.Contains(strings.Join(lines, "\n"), want) {
					t.Errorf("setup lacks %q", want)
				}
			}
			if key == "C" { // htop's C: the columns, with the focus on them
				h.WaitText(t, "F9Remove")
				h.WaitText(t, " Available columns")
			} else {
				h.WaitText(t, "[ ] Show userland threads")
			}
			h.waitTitles(t, "the table stays in view", mainTitles...)
		})
	}
}

// Adding IO_RATE and ELAPSED shows them in the table at once, and the edits
// handed to Config.Changed give the file the same columns.
func TestSetupAddColumnsLive(t *testing.T) {
	h, rec := startSetup(t)
	h.Type("C")
	h.WaitText(t, "F9Remove")
	h.Key(tcell.KeyRight) // to the available columns
	h.WaitText(t, "EnterAdd")
	h.Type("io_bytes_per_s") // typing finds a field by ID or title
	h.Key(tcell.KeyEnter)
	h.Type("elapsed")
	h.Key(tcell.KeyEnter)
	want := slices.Insert(slices.Clone(mainTitles), 11, "DISK_R/W", "ELAPSED")
	h.waitTitles(t, "two columns added", want...)

	got := rec.file().Screens[0]
	wantIDs := []string{"pid", "user", "priority", "nice", "virt_bytes", "res_bytes", "shr_bytes", "state",
		"cpu_percent", "mem_percent", "cpu_time_s", "io_bytes_per_s", "elapsed_s", "command"}
	if got.Name != "Main" || !slices.Equal(got.Columns, wantIDs) {
		t.Errorf("the file's Main screen: %s %v, want %v", got.Name, got.Columns, wantIDs)
	}

	h.Key(tcell.KeyEnter) // ELAPSED again: said, not added twice
	h.WaitText(t, "ELAPSED is already a column")
}

func TestSetupRemoveAndReorderByKeys(t *testing.T) {
	h, rec := startSetup(t)
	h.Type("C")
	h.WaitText(t, "F9Remove")
	h.Key(tcell.KeyHome)
	for range 4 {
		h.Key(tcell.KeyDown) // to VIRT
	}
	h.Key(tcell.KeyF9)
	h.waitTitles(t, "VIRT removed", "PID", "USER", "PRI", "NI", "RES", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command")
	h.Key(tcell.KeyF7) // RES, now under the cursor, one place left
	h.waitTitles(t, "RES moved left", "PID", "USER", "PRI", "RES", "NI", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command")
	h.Type("[") // htop's other keys for the same
	h.waitTitles(t, "RES moved left again", "PID", "USER", "RES", "PRI", "NI", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command")
	h.Type("]+") // and back right twice
	h.waitTitles(t, "RES moved right twice", "PID", "USER", "PRI", "NI", "RES", "SHR", "S", "CPU%", "MEM%", "TIME+", "Command")

	want := []string{"pid", "user", "priority", "nice", "res_bytes", "shr_bytes", "state", "cpu_percent",
		"mem_percent", "cpu_time_s", "command"}
	if got := rec.file().Screens[0].Columns; !slices.Equal(got, want) {
		t.Errorf("the file's columns %v, want %v", got, want)
	}
}

func TestSetupColumnsByMouse(t *testing.T) {
	h, rec := startSetup(t)
	h.Key(tcell.KeyF2)
	h.WaitText(t, "Display options")
	h.clickText(t, "Screens")
	h.WaitText(t, " Available columns")

	h.Click(h.inPanel(t, "Columns", "SHR")) // select it: nothing changes yet
	h.WaitText(t, "F9Remove")
	h.clickText(t, "F7Up")
	h.waitTitles(t, "SHR moved left by a click", "PID", "USER", "PRI", "NI", "VIRT", "SHR", "RES", "S", "CPU%", "MEM%", "TIME+", "Command")

	h.Click(h.inPanel(t, "Columns", "TIME+"))
	h.clickText(t, "F9Remove")
	h.waitTitles(t, "TIME+ removed by a click", "PID", "USER", "PRI", "NI", "VIRT", "SHR", "RES", "S", "CPU%", "MEM%", "Command")

	h.Click(h.inPanel(t, "Available columns", "ELAPSED"))
	h.WaitText(t, "EnterAdd")
	h.clickText(t, "EnterAdd")
	h.waitTitles(t, "ELAPSED added by a click", "PID", "USER", "PRI", "NI", "VIRT", "SHR", "RES", "S", "CPU%", "MEM%", "ELAPSED", "Command")
	want := []string{"pid", "user", "priority", "nice", "virt_bytes", "shr_bytes", "res_bytes", "state",
		"cpu_percent", "mem_percent", "elapsed_s", "command"}
	if got := rec.file().Screens[0].Columns; !slices.Equal(got, want) {
		t.Errorf("the file's columns %v, want %v", got, want)
	}

	// The wheel scrolls the available list past its first fields.
	x, y := h.inPanel(t, "Available columns", "PPID")
	h.Wheel(x, y, true)
	h.WaitFor(t, "the available list scrolled", func(lines []string) bool {
		_, py, _ := h.Find(" Available columns")
		return !strings.Contains(lines[py+1], "pid ")
	})
}

// Screens: new, renamed, given a column, switched to with Tab; then deleted,
// all but the last one.
func TestSetupScreens(t *testing.T) {
	h, rec := startSetup(t)
	h.Key(tcell.KeyF2)
	h.WaitText(t, "Display options")
	h.Key(tcell.KeyDown)  // the Screens page
	h.Key(tcell.KeyRight) // its list of screens
	h.WaitText(t, "F5New")
	h.Key(tcell.KeyF5)
	h.WaitText(t, "New screen name:")
	h.Type("Work")
	h.Key(tcell.KeyEnter)
	h.WaitFor(t, "a third tab", func(lines []string) bool { return tabsLine(lines) == "Main I/O Work" })
	h.Key(tcell.KeyF2) // rename the new screen, the one under the cursor
	h.WaitText(t, "Rename screen:")
	h.Key(tcell.KeyCtrlU)
	name := "Jobs[red]\u202e" // a tview tag and a bidi control: shown, not obeyed
	h.Type(name)
	h.Key(tcell.KeyEnter)
	h.WaitFor(t, "the tab renamed", func(lines []string) bool { return tabsLine(lines) == "Main I/O "+ui.Sanitize(name) })
	h.inPanel(t, "Screens", ui.Sanitize(name)) // the list shows the tag as text
	h.Key(tcell.KeyRight)
	h.Key(tcell.KeyRight)
	h.Type("elapsed")
	h.Key(tcell.KeyEnter)
	h.waitTitles(t, "the new screen has ELAPSED", slices.Insert(slices.Clone(mainTitles), 11, "ELAPSED")...)
	h.Key(tcell.KeyLeft)
	h.Key(tcell.KeyLeft)
	h.Key(tcell.KeyHome) // back to Main
	h.waitTitles(t, "Main again", mainTitles...)
	h.Key(tcell.KeyEscape)
	h.WaitGone(t, "Display options")
	h.Key(tcell.KeyTab)
	h.WaitText(t, "RCHAR") // I/O's columns
	h.Key(tcell.KeyTab)
	h.waitTitles(t, "Tab to the new screen", slices.Insert(slices.Clone(mainTitles), 11, "ELAPSED")...)

	h.Key(tcell.KeyF2)
	h.WaitText(t, "Display options")
	h.Key(tcell.KeyDown)
	h.Key(tcell.KeyRight)
	h.WaitText(t, "F9Delete")
	h.Key(tcell.KeyF9) // the new screen, which is shown
	h.WaitFor(t, "two tabs", func(lines []string) bool { return tabsLine(lines) == "Main I/O" })
	h.Key(tcell.KeyDelete) // I/O
	h.WaitFor(t, "one screen: no tabs", func(lines []string) bool { return tabsLine(lines) == "" })
	h.Key(tcell.KeyF9)
	h.WaitText(t, "the last screen cannot be deleted")
	st := rec.file()
	if len(st.Screens) != 1 || st.Screens[0].Name != "Main" || st.ActiveScreen != "Main" {
		t.Errorf("the file's screens %+v, active %q; want Main alone", st.Screens, st.ActiveScreen)
	}
}

// tabsLine is the line of screen tabs above the table ("" when none).
func tabsLine(lines []string) string {
	h := header(lines)
	if h < 1 {
		return ""
	}
	l := strings.TrimSpace(lines[h-1])
	if strings.Contains(l, "Uptime") || l == "" {
		return ""
	}
	return strings.Join(strings.Fields(l), " ")
}

func TestSetupDisplayOptions(t *testing.T) {
	h, rec := startSetup(t)
	h.Key(tcell.KeyF2)
	h.WaitText(t, "[ ] Show userland threads")
	h.Key(tcell.KeyRight)
	h.Type(" ")
	h.WaitText(t, "[x] Show userland threads")
	if !h.feed.Threads() {
		t.Error("the option did not ask the collector for threads")
	}
	h.clickText(t, "Hide the meters") // a click toggles too
	h.WaitGone(t, "Uptime:")
	h.clickText(t, "Update interval")
	h.Type("+")
	h.WaitText(t, "[16] Update interval")
	h.Type("7")
	h.WaitText(t, "[7_] Update interval")
	h.Key(tcell.KeyEnter)
	h.WaitText(t, "[7] Update interval")
	h.Type("0")
	h.Key(tcell.KeyEnter) // below the range: kept at its lowest
	h.WaitText(t, "[1] Update interval")
	st := rec.file()
	if !st.ShowThreads || !st.HideMeters || st.Delay != 1 {
		t.Errorf("the file's settings: threads %v, hide meters %v, delay %d; want true, true, 1",
			st.ShowThreads, st.HideMeters, st.Delay)
	}
}

func TestSetupMetersAndColors(t *testing.T) {
	h, rec := startSetup(t)
	h.Key(tcell.KeyF2)
	h.WaitText(t, "Display options")
	h.clickText(t, "Meters")
	h.WaitText(t, " Left column")
	h.Key(tcell.KeyRight)
	h.Type(" ") // cpus: bar to text
	h.WaitText(t, "cpus     [text]")
	h.Type(">") // to the right column
	h.WaitText(t, "To left")
	h.Key(tcell.KeyF9) // and removed there
	h.WaitGone(t, "cpus     [text]")
	h.Key(tcell.KeyRight) // the available meters add to the column last used
	h.WaitText(t, "Add right")
	h.Key(tcell.KeyEnter) // cpus
	h.WaitText(t, "cpus     [bar]")
	st := rec.file()
	wantLeft := []config.Meter{{Name: "memory", Mode: "bar"}, {Name: "swap", Mode: "bar"}}
	if !slices.Equal(st.Left, wantLeft) || len(st.Right) != 4 || st.Right[3] != (config.Meter{Name: "cpus", Mode: "bar"}) {
		t.Errorf("the file's meters: left %v right %v", st.Left, st.Right)
	}

	h.clickText(t, "Colors")
	h.WaitText(t, "(*) default")
	h.clickText(t, "monochrome")
	h.WaitText(t, "(*) monochrome")
	if got := rec.file().ColorScheme; got != "monochrome" {
		t.Errorf("the file's colour scheme %q, want monochrome", got)
	}
}

// Esc closes the setup screen and writes the file once; a failed write is
// said on the status line.
func TestSetupEscSavesOnce(t *testing.T) {
	for _, fail := range []bool{false, true} {
		h, rec := startSetup(t)
		if fail {
			rec.mu.Lock()
			rec.saveErr = errors.New("disk full")
			rec.mu.Unlock()
		}
		h.Type("S")
		h.WaitText(t, "Display options")
		h.Key(tcell.KeyEscape)
		h.WaitGone(t, "Display options")
		if n := rec.saveCount(); n != 1 {
			t.Errorf("Save called %d times, want once", n)
		}
		if fail {
			h.WaitText(t, "settings not saved: disk full")
		}
	}
}
