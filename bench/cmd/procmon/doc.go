// Command procmon watches one running process for a time window and prints one
// line of key=value figures that a script can read:
//
//	procmon -pid 1234 -window 20s
//	pid=1234 alive=1 window_s=20.000 cpu_ns=... refreshes=20.02 ...
//
// CPU is the sum of the first field of /proc/PID/task/*/schedstat (ns on a CPU),
// with utime+stime from /proc/PID/stat as a coarse cross-check that also counts
// threads that exited in the window. Refreshes are bursts of read syscalls: the
// syscr counter of /proc/PID/io, sampled every -sample, rises by thousands while a
// viewer reads /proc and stays flat while it sleeps. Context switches are summed
// over every thread's status; VmRSS is taken at the end and its peak over the window.
// -after delays the window: started with the viewer, procmon is an old process to
// it by then, and its command line is not read within the window.
//
// It only reads /proc: it must not signal, trace or otherwise disturb the process
// it watches, and it keeps no file open between samples. Linux only.
package main
