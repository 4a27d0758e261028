// Command spawn fills the process table for the benchmarks: `spawn TOTAL` starts
// `sleep 3600` children until /proc lists TOTAL processes, prints its PID and a
// ready line, and waits. SIGUSR1 tops /proc up to TOTAL again (when other
// processes have ended) and prints another ready line. On SIGTERM (or SIGINT, SIGHUP) it kills every child it
// started with SIGKILL, by PID, reaps them all and exits.
//
// The children share one process group of the spawner's own (not the caller's
// terminal group), and carry PDEATHSIG=SIGKILL, so they die with the spawner even
// if it is killed outright.
//
// It must not keep a file descriptor per child (it uses fork+exec that returns a
// bare PID, never a pidfd: the open-file limit here is 20,000), must not signal
// anything it did not start, and must not go past the kernel's pid_max.
// Linux only.
package main
