package config

import "strings"

// option is one top-level key: its name in the file, the one-line comment the
// writer puts above it, and where its value lives in Settings. These tables
// are the only description of the file: the loader checks against them, the
// writer and sample.toml are generated from them.
type option struct {
	key  string
	doc  string
	ptr  func(*Settings) any // *bool, *int, *string, *[]Meter, *[]Screen or *Exporter
	min  int                 // an int's range
	max  int                 //
	enum []string            // a string's allowed values; nil: any
	noun string              // what an enum value is, for messages ("color scheme")
}

// options are in the order they are written. The tables come last: in TOML a
// key after a [table] or [[table]] header would belong to that table.
var options = []option{
	{key: "active_screen", doc: "screen shown at start: the name of one of the [[screens]] below",
		ptr: func(s *Settings) any { return &s.ActiveScreen }},
	{key: "show_threads", doc: "show userland threads as rows of their own (htop: H)",
		ptr: func(s *Settings) any { return &s.ShowThreads }},
	{key: "hide_kernel_threads", doc: "hide kernel threads (htop: K)",
		ptr: func(s *Settings) any { return &s.HideKernelThreads }},
	{key: "highlight_base_name", doc: "make the program's base name stand out in the command",
		ptr: func(s *Settings) any { return &s.HighlightBaseName }},
	{key: "show_program_path", doc: "show the program's directory in the command (htop: p)",
		ptr: func(s *Settings) any { return &s.ShowProgramPath }},
	{key: "merged_command", doc: "show the executable, the comm where it differs and the command line merged in the command (htop: m)",
		ptr: func(s *Settings) any { return &s.MergedCommand }},
	{key: "highlight_changes", doc: "highlight new and exited processes (htop: -H)",
		ptr: func(s *Settings) any { return &s.HighlightChanges }},
	{key: "highlight_seconds", doc: "how long highlight_changes keeps a row highlighted, in seconds",
		ptr: func(s *Settings) any { return &s.HighlightSeconds }, min: minHighlight, max: maxHighlight},
	{key: "shadow_other_users", doc: "dim other users' processes",
		ptr: func(s *Settings) any { return &s.ShadowOtherUsers }},
	{key: "cmdline_every_tick", doc: "re-read every command line each refresh, not only when a process execs",
		ptr: func(s *Settings) any { return &s.CmdlineEveryTick }},
	{key: "cpu_count_from_one", doc: "number CPUs from 1 instead of 0",
		ptr: func(s *Settings) any { return &s.CPUCountFromOne }},
	{key: "delay", doc: "time between refreshes, in tenths of a second (htop: -d)",
		ptr: func(s *Settings) any { return &s.Delay }, min: minDelay, max: maxDelay},
	{key: "hide_meters", doc: "hide the meters above the process list (htop: #)",
		ptr: func(s *Settings) any { return &s.HideMeters }},
	{key: "hide_function_bar", doc: "hide the function key bar at the bottom",
		ptr: func(s *Settings) any { return &s.HideFunctionBar }},
	{key: "mouse", doc: "clicks select rows and sort columns",
		ptr: func(s *Settings) any { return &s.Mouse }},
	{key: "color_scheme", doc: "colours: " + strings.Join(ColorSchemes, ", "),
		ptr: func(s *Settings) any { return &s.ColorScheme }, enum: ColorSchemes, noun: "color scheme"},
	{key: "grace", doc: "\"terminate gracefully\" waits this many seconds after SIGTERM before SIGKILL",
		ptr: func(s *Settings) any { return &s.Grace }, min: minGrace, max: maxGrace},
	{key: "left_meters", doc: "meters in the header's left column, top to bottom; name: " +
		strings.Join(MeterNames, ", ") + "; mode: " + strings.Join(MeterModes, " or "),
		ptr: func(s *Settings) any { return &s.Left }},
	{key: "right_meters", doc: "meters in the header's right column, as left_meters",
		ptr: func(s *Settings) any { return &s.Right }},
	{key: "screens", doc: "screens (htop's tabs, switched with Tab): one [[screens]] table each, in tab order",
		ptr: func(s *Settings) any { return &s.Screens }},
	{key: "exporter", doc: "the metrics endpoint (pidtop --listen): how processes are grouped, and what is read for them",
		ptr: func(s *Settings) any { return &s.Exporter }},
}

// screenOption is one key of a [[screens]] table.
type screenOption struct {
	key, doc string
	ptr      func(*Screen) any // *string, *[]string or *bool
}

var screenOptions = []screenOption{
	{"name", "the screen's name, shown on its tab", func(s *Screen) any { return &s.Name }},
	{"columns", "field IDs or htop names, left to right (pidtop --fields help lists them)",
		func(s *Screen) any { return &s.Columns }},
	{"sort_key", "the field to sort by, an ID or htop name", func(s *Screen) any { return &s.SortKey }},
	{"sort_reverse", "sort against the field's natural direction", func(s *Screen) any { return &s.SortReverse }},
	{"tree", "show processes as a tree under their parents (htop: t)", func(s *Screen) any { return &s.Tree }},
}

// meterOption is one key of a meter's inline table. The comment on
// left_meters describes both.
type meterOption struct {
	key  string
	ptr  func(*Meter) any
	enum []string
	noun string
}

var meterOptions = []meterOption{
	{"name", func(m *Meter) any { return &m.Name }, MeterNames, "meter"},
	{"mode", func(m *Meter) any { return &m.Mode }, MeterModes, "meter mode"},
}

// lookup finds the option named key in opts, nil when none is.
func lookup[O any](opts []O, name func(*O) string, key string) *O {
	for i := range opts {
		if name(&opts[i]) == key {
			return &opts[i]
		}
	}
	return nil
}

// keysOf lists the keys of opts, for messages.
func keysOf[O any](opts []O, name func(*O) string) []string {
	keys := make([]string, len(opts))
	for i := range opts {
		keys[i] = name(&opts[i])
	}
	return keys
}

func optionKey(o *option) string             { return o.key }
func screenOptionKey(o *screenOption) string { return o.key }
func meterOptionKey(o *meterOption) string   { return o.key }
