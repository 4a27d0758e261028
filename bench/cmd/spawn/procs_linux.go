package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

// countProcs is the number of processes /proc lists now (its numeric entries,
// kernel threads included; userland threads are not listed at the top level).
func countProcs() (int, error) {
	d, err := os.Open("/proc")
	if err != nil {
		return 0, err
	}
	defer d.Close()
	n := 0
	for {
		names, err := d.Readdirnames(4096)
		for _, name := range names {
			if name != "" && name[0] >= '0' && name[0] <= '9' {
				n++
			}
		}
		if err != nil {
			break // io.EOF at the end
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("no processes in /proc: is it mounted?")
	}
	return n, nil
}

// pidHeadroom is how many PIDs spawn leaves free below pid_max for everything else.
const pidHeadroom = 1000

// checkRoom refuses a total that would leave less than pidHeadroom PIDs free.
// Threads take PIDs too, so the current task count (from /proc/loadavg) is used.
func checkRoom(total int) error {
	pidMax, err := readInt("/proc/sys/kernel/pid_max")
	if err != nil {
		return err
	}
	procs, err := countProcs()
	if err != nil {
		return err
	}
	tasks, err := taskCount()
	if err != nil {
		return err
	}
	need := total - procs // new processes, one PID each
	if need > 0 && tasks+need+pidHeadroom > pidMax {
		return fmt.Errorf("%d processes need %d more PIDs; %d tasks exist and pid_max is %d (keeping %d free)",
			total, need, tasks, pidMax, pidHeadroom)
	}
	return nil
}

// taskCount is the number of scheduling entities (threads) in the system, the
// number after the slash in /proc/loadavg's fourth field.
func taskCount() (int, error) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, err
	}
	var a, b1, c float64
	var running, tasks int
	if _, err := fmt.Sscanf(string(b), "%f %f %f %d/%d", &a, &b1, &c, &running, &tasks); err != nil {
		return 0, fmt.Errorf("parse /proc/loadavg %q: %w", b, err)
	}
	return tasks, nil
}

// readInt reads a file that holds one decimal number, such as a sysctl.
func readInt(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	n, err := strconv.Atoi(sc.Text())
	if err != nil {
		return 0, fmt.Errorf("parse %s: %w", path, err)
	}
	return n, nil
}
