//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "oneshot: Linux only (it reads the child's rusage)")
	os.Exit(1)
}
