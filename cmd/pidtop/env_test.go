package main

import (
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestMain keeps every test off the user's own config file: the viewers and
// batch runs the tests start (in this process or in tmux, which inherits this
// environment) read and save settings under a directory of their own.
func TestMain(m *testing.M) {
	if n, err := strconv.Atoi(os.Getenv(busyThreadsEnv)); err == nil {
		busyThreads(n) // the test binary as a busy multi-threaded child; never returns
	}
	if os.Getenv(hostileEnv) != "" {
		hostileChild() // the test binary as a hostile child; never returns
	}
	dir, err := os.MkdirTemp("", "pidtop-test-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Unsetenv("PIDTOP_CONFIG")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// busyThreadsEnv makes the test binary, run as a child, a process of that many
// threads, each spinning on a CPU, until it is killed.
const busyThreadsEnv = "PIDTOP_TEST_BUSY_THREADS"

func busyThreads(n int) {
	runtime.GOMAXPROCS(n)
	for range n {
		go func() {
			runtime.LockOSThread() // one thread of its own each
			for x := 0; ; x++ {
				_ = x
			}
		}()
	}
	select {}
}

// hostileEnv makes the test binary, run as a child, a process that renames
// itself every 10 ms to names made to fool a terminal (hostileNames).
const hostileEnv = "PIDTOP_TEST_HOSTILE"

// hostileNames are comm values of at most 15 bytes: an OSC title, a screen
// clear, a bidi override, invisible and invalid bytes.
var hostileNames = []string{"\x1b]2;pwned\x07", "\x1b[2J\r\bx\ty", "ab\u202ecd\u200d", "z\xff\xfe\x00q"}

func hostileChild() {
	for i := 0; ; i++ {
		// /proc/self/comm names the process's main thread, whichever thread writes.
		_ = os.WriteFile("/proc/self/comm", []byte(hostileNames[i%len(hostileNames)]), 0)
		time.Sleep(10 * time.Millisecond)
	}
}
