// Package textsafe holds the one rule for which code points of text a process
// controls (its name, command line, paths) may never be written raw to
// something a terminal may display: the viewer and -b text show them as
// visible escapes, JSON as its own \u escapes.
//
// It is a leaf: the viewer (internal/ui) and the encoders both use it, and it
// must not import anything of ours nor format anything itself.
package textsafe
