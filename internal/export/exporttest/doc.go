// Package exporttest holds what the exporter's tests and the end-to-end
// test of pidtop --listen both need: a group of real processes to find in
// the metrics. Tests only.
package exporttest
