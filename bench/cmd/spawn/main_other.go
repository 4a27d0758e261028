//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "spawn: Linux only (it counts /proc and uses PDEATHSIG)")
	os.Exit(1)
}
