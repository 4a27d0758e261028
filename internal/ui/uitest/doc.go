// Package uitest drives the viewer headless in tests: a simulated terminal of a
// chosen size whose frames can be read back cell by cell, key and mouse
// injection, a fake Feed that publishes hand-built snapshots, and builders for
// those snapshots.
//
// It must not import the ui package (ui's own tests import this one) and must
// not be used outside tests.
package uitest
