// Command procfloor reads /proc the cheapest way a one-shot process lister could:
// for every process, open, one pread at offset 0 and close of each named file,
// and with "uid" an fstatat of the /proc/PID directory, into one buffer, with
// nothing parsed or printed. It prints the number of processes read. It is the
// floor that `pidtop -b -n 1` and ps are compared with:
//
//	oneshot -n 10 -- procfloor stat,uid,cmdline
//
// FILES is a comma-separated list of /proc/PID file names, and "uid". Linux only.
package main
