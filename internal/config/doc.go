// Package config holds pidtop's remembered settings: what they are and their
// defaults (Settings, Defaults), where the file lives (Path), reading it with
// one problem per bad entry (Load) and writing it back without losing what
// the user wrote (File.Save).
//
// Every key is described once, in the option tables of keys.go: the loader,
// the writer, the checked-in sample.toml and the README's copy of it all come
// from there.
//
// Merging the environment and command-line flags over the file is the
// caller's: flags apply to one run and must never reach Save.
//
// The package does no terminal I/O and imports nothing of pidtop's but the
// field registry, which it asks whether a column or sort key exists.
package config
