// Package sort orders, filters, searches and nests the processes of one snapshot.
//
// Everything here is a pure function over []collect.Process and slices of indices
// into it: column comparators (ties broken by PID, unknown values first), the
// htop filter (case-insensitive substrings, "a|b" alternatives), user and PID
// filters, incremental search, and the process tree with its drawn guide lines.
// Both the interactive viewer and batch mode use it.
//
// It must not do I/O, format values for display (beyond tree guide lines), import
// tview or tcell, or modify the processes it is given.
package sort
