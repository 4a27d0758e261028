package config

// Settings is everything pidtop remembers between runs. Field names say what
// the setting does; keys.go gives each its key in the file and its comment.
type Settings struct {
	// Screens are htop's tabs: named column sets, each with its own sort.
	Screens []Screen
	// ActiveScreen is the Name of the screen shown at start.
	ActiveScreen string

	ShowThreads       bool // userland threads as rows of their own (htop: H)
	HideKernelThreads bool // htop: K
	HighlightBaseName bool // the program's base name in the command stands out
	ShowProgramPath   bool // the command's first word with its directory
	// MergedCommand shows the executable, the comm where it differs and the
	// command line in one Command column, as htop's "Merge exe, comm and
	// cmdline in Command" (htop: m).
	MergedCommand bool
	// HighlightChanges marks new and exited processes for HighlightSeconds.
	HighlightChanges bool
	HighlightSeconds int
	ShadowOtherUsers bool // other users' processes dimmed
	CmdlineEveryTick bool // re-read command lines every refresh, not only on exec
	CPUCountFromOne  bool // CPU meters numbered 1..n instead of 0..n-1
	Delay            int  // refresh interval, tenths of a second (htop: -d)
	HideMeters       bool // htop: #
	HideFunctionBar  bool
	Mouse            bool
	ColorScheme      string // one of ColorSchemes
	Grace            int    // seconds between SIGTERM and SIGKILL for "terminate gracefully"

	// Left and Right are the header's meter columns, top to bottom.
	Left  []Meter
	Right []Meter

	// Exporter is the metrics endpoint's grouping (pidtop --listen).
	Exporter Exporter
}

// Screen is one named column set (htop's tab).
type Screen struct {
	Name        string
	Columns     []string // field IDs, left to right
	SortKey     string   // a field ID
	SortReverse bool     // against the field's natural direction
	Tree        bool
}

// Meter is one meter in the header.
type Meter struct {
	Name string // one of MeterNames
	Mode string // ModeBar or ModeText
}

// The meter modes.
const (
	ModeBar  = "bar"
	ModeText = "text"
)

// MeterNames, MeterModes and ColorSchemes are the values the file may name.
// They live here until package ui owns meters and themes; then ui will hand
// its lists to the loader and these go.
var (
	MeterNames   = []string{"cpus", "memory", "swap", "tasks", "load", "uptime"}
	MeterModes   = []string{ModeBar, ModeText}
	ColorSchemes = []string{"default", "monochrome", "black-on-white", "light-terminal", "high-contrast"}
)

// Ranges of the numeric settings, the same as the command line's.
const (
	minDelay, maxDelay         = 1, 36000 // 0.1 s to an hour
	minHighlight, maxHighlight = 1, 3600
	minGrace, maxGrace         = 1, 86400
)

// ScreenIndex is the index of the screen named name, or 0 (the loader keeps
// at least one screen).
func (s *Settings) ScreenIndex(name string) int {
	for i := range s.Screens {
		if s.Screens[i].Name == name {
			return i
		}
	}
	return 0
}

// Active is the screen shown at start (ActiveScreen), or the first.
func (s *Settings) Active() *Screen { return &s.Screens[s.ScreenIndex(s.ActiveScreen)] }

// Defaults returns htop's defaults where htop has the setting. The slices
// are fresh: the caller may change them.
func Defaults() Settings {
	return Settings{
		Screens:           defaultScreens(),
		ActiveScreen:      "Main",
		HideKernelThreads: true,
		HighlightBaseName: true,
		ShowProgramPath:   true,
		HighlightSeconds:  5,
		CPUCountFromOne:   false, // htop 3 counts from 0 unless asked
		Delay:             15,
		Mouse:             true,
		ColorScheme:       "default",
		Grace:             5,
		Left:              []Meter{{"cpus", ModeBar}, {"memory", ModeBar}, {"swap", ModeBar}},
		Right:             []Meter{{"tasks", ModeText}, {"load", ModeText}, {"uptime", ModeText}},
		Exporter:          defaultExporter(),
	}
}

func defaultScreens() []Screen {
	return []Screen{
		{Name: "Main", SortKey: "cpu_percent", Columns: []string{"pid", "user", "priority", "nice",
			"virt_bytes", "res_bytes", "shr_bytes", "state", "cpu_percent", "mem_percent", "cpu_time_s", "command"}},
		{Name: "I/O", SortKey: "io_bytes_per_s", Columns: []string{"pid", "user", "io_priority",
			"io_bytes_per_s", "read_bytes_per_s", "write_bytes_per_s", "rchar_bytes", "wchar_bytes", "command"}},
	}
}

// defaultScreen is the default screen called name, or Main's settings under
// that name: what a screen's missing or bad entry falls back to.
func defaultScreen(name string) Screen {
	ds := defaultScreens()
	for _, s := range ds {
		if s.Name == name {
			return s
		}
	}
	ds[0].Name = name
	return ds[0]
}

// defaultMode is the mode a meter gets when the file names none: htop shows
// the usage meters as bars and the counters as text.
func defaultMode(name string) string {
	switch name {
	case "cpus", "memory", "swap":
		return ModeBar
	}
	return ModeText
}
