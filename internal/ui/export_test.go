package ui

// WithStop returns c with Ctrl-Z running stop in place of stopping the
// process, between giving the terminal back and taking it again.
func WithStop(c Config, stop func()) Config {
	c.stop = stop
	return c
}
