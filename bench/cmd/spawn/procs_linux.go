package main

import (
	"fmt"
	"os"
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
