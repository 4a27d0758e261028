// Package control acts on a process the user saw: it sends signals, changes the
// nice value, waits for an exit and terminates with escalation, always against a
// Target — a PID together with the start time the snapshot recorded — so that an
// action never reaches a different process that was handed the same PID after the
// target exited.
//
// Each OS supplies the hooks (sendOS, reniceOS, waitOS, signalsOS): on Linux a
// pidfd pins the process while its start time is checked and carries the signal
// and the exit notification; kqueue on BSD and macOS; process handles on Windows.
// When the event-driven path is refused (old kernel, sandbox, no file descriptor to
// spare) or Options.ForcePoll asks for it, a fallback checks the start time, signals
// with kill(2) and waits by polling with backoff; the Result and Exit say which
// path was taken.
//
// The package must not: act on a bare PID or on a PID <= 0; report success for a
// refusal (EPERM, ESRCH and their kind come back as wrapped errors); reap a child
// that belongs to someone else (exit statuses are read with WNOWAIT); sleep in a
// loop where the kernel can notify; know anything of the user interface. It may
// import the platform readers (procfs, sysctl, winproc) and nothing else of ours.
package control
