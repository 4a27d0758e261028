// Package stress holds the scale, churn, soak and fault scenarios of
// `make stress`: the real collector and viewer against thousands of real
// processes, a fork storm, twenty thousand ticks, and lowered limits. It has
// no code of its own outside its tests (Linux only).
//
// Each scenario runs in a short form by default, so `make test` (and CI) runs
// it in seconds, and in full with PIDTOP_STRESS=full, which `make stress`
// sets. The test binary prints one line per scenario at the end: ticks
// completed, errors, the largest heap, descriptor count and CPU% seen, and the
// result.
//
// It must not start anything it does not stop by PID, and must not assert on
// time: every bound is on a count, a size or a condition.
package stress
