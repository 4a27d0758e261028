// Package field is the registry of every per-process field pidtop can show,
// sort, filter on or print: each is declared once, as data, in fields.go.
//
// A field's ID is its JSON name, its config name and its command-line name;
// htop's column names (PERCENT_CPU, M_RESIDENT, ...) and pidtop's older short
// names are aliases. The entry says what the value is (kind and unit), on which
// operating systems a platform reader fills it, what the collector must read for
// it (Needs) and how to get it from a collect.Process (a typed accessor).
//
// Everything that lists fields derives from the registry: the sort keys, the
// viewer's columns (package ui adds only width, alignment and formatting), the
// batch text, JSON and CSV encoders, the config file's column lists and the
// command line's --fields and --sort-key. Adding a field is one entry here,
// plus a reader in collect if its data is new.
//
// The package does no I/O and knows nothing of terminals.
package field
