package uitest

import "github.com/pidtop/pidtop/internal/config"

// Settings returns the default settings (config.Defaults) changed by edits, for
// a ui.Config.
func Settings(edits ...func(*config.Settings)) config.Settings {
	s := config.Defaults()
	for _, e := range edits {
		e(&s)
	}
	return s
}

// SortBy sorts the first screen by the field key.
func SortBy(key string) func(*config.Settings) {
	return func(s *config.Settings) { s.Screens[0].SortKey = key }
}

// Columns shows the fields ids on the first screen.
func Columns(ids ...string) func(*config.Settings) {
	return func(s *config.Settings) { s.Screens[0].Columns = ids }
}

// Tree starts the first screen in tree view.
func Tree(s *config.Settings) { s.Screens[0].Tree = true }

// KernelThreads shows kernel threads.
func KernelThreads(s *config.Settings) { s.HideKernelThreads = false }

// Highlight marks new and exited processes (htop -H).
func Highlight(s *config.Settings) { s.HighlightChanges = true }
