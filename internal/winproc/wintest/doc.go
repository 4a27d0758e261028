// Package wintest is test support for the Windows tests of winproc, control and
// collect: it starts this very test binary again as a child process that sleeps,
// exits with a given code, or waits for a console control event, and it kills and
// reaps every child it started when the test ends.
//
// Only _test.go files may import it. It must not be used by the program itself.
package wintest
