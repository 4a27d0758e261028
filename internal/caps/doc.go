// Package caps lowers pidtop's own Linux capabilities when it runs with
// them (as root), as htop's --drop-capabilities does: a viewer that reads
// /proc and signals processes has no use for the rest, and a bug in it
// should not be able to use them. It must not act on other processes; it
// changes only the capabilities of the process it runs in.
package caps
