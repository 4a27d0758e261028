// Command oneshot runs a command several times and prints the median CPU time
// (user+sys, from the rusage wait4 returns for the child), wall time and peak RSS
// as one key=value line:
//
//	oneshot -n 10 -- ps -eo pid,args
//	runs=10 exit=0 cpu_ms=12.345 cpu_ms_min=... cpu_ms_max=... wall_ms=... maxrss_kib=...
//
// The command's output goes to /dev/null, so a terminal's cost is not counted.
// It must not run the command through a shell, and it counts only the command's
// own process (and the children it waited for), never oneshot's. Linux only.
package main
