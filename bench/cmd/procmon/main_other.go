//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "procmon: Linux only (it reads /proc/PID/task)")
	os.Exit(1)
}
