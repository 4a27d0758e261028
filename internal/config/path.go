package config

import (
	"errors"
	"path/filepath"
)

// ErrNoPath is returned by Path when nothing names a place for the file.
var ErrNoPath = errors.New("no place for the config file: set HOME or XDG_CONFIG_HOME, or give --config FILE or --no-config")

// Path is where the config file is: flagPath (--config FILE) if given, else
// $PIDTOP_CONFIG, else $XDG_CONFIG_HOME/pidtop/config.toml, else
// ~/.config/pidtop/config.toml. getenv is os.Getenv outside tests.
func Path(flagPath string, getenv func(string) string) (string, error) {
	if flagPath != "" {
		return flagPath, nil
	}
	if p := getenv("PIDTOP_CONFIG"); p != "" {
		return p, nil
	}
	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and is ignored.
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "pidtop", "config.toml"), nil
	}
	home := getenv("HOME")
	if home == "" {
		home = getenv("USERPROFILE") // Windows has no HOME unless a shell sets one
	}
	if home == "" {
		return "", ErrNoPath
	}
	return filepath.Join(home, ".config", "pidtop", "config.toml"), nil
}
