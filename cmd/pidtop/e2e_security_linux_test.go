package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The security tests of the viewer as a whole: through its keys, with a real
// kernel, the PID a user saw cannot reach the process that holds that PID now;
// and --readonly, traced by strace, makes no call that changes a process.

// reuseScript runs as PID 1 of a private PID namespace (unshare --pid): it
// starts a victim, then, when the test writes to the go FIFO, kills it, waits
// until it is reaped, steers the namespace's next PID to the victim's
// (ns_last_pid, writable by the namespace's owner) and starts a newcomer.
// Between those steps it forks nothing: builtins only, so no other process
// takes the PID. The viewer runs in the foreground on the victim's PID.
const reuseScript = `D=$1; BIN=$2
( sleep 1000 & echo $! > "$D/victim"; wait ) &
( read x < "$D/go"
  read v < "$D/victim"
  kill -KILL $v
  while kill -0 $v 2>/dev/null; do :; done
  echo $((v-1)) > /proc/sys/kernel/ns_last_pid
  sleep 1001 & echo $! > "$D/new"
  wait ) &
until read v < "$D/victim" 2>/dev/null; do :; done
echo "victim $v"
"$BIN" -d 3 -p $v
echo "viewer done"
`

// TestE2EPIDReuseThroughViewer: the viewer, paused on a process, is asked to
// signal it after the process died and its PID went to a newcomer. k + Enter is
// refused with the reason, and the newcomer lives on.
func TestE2EPIDReuseThroughViewer(t *testing.T) {
	p := newPane(t)
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("unshare is not installed")
	}
	bin := buildBinary(t, ".", "pidtop")
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "go"), 0o600); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "reuse.sh")
	if err := os.WriteFile(script, []byte(reuseScript), 0o600); err != nil {
		t.Fatal(err)
	}
	// -r: the namespace's root is us, so an ordinary user can run it too.
	p.send("-l", fmt.Sprintf("echo $$ > %s/shell; exec unshare -r --pid --fork --mount-proc sh %s %s %s", dir, script, dir, bin))
	p.send("Enter")
	t.Cleanup(func() { killNamespace(t, dir) })
	s := p.waitFor("the viewer or unshare's refusal", func(s string) bool {
		return strings.Contains(s, "F10Quit") || strings.Contains(s, "unshare:")
	})
	if strings.Contains(s, "unshare:") {
		t.Skipf("no private PID namespace here:\n%s", s)
	}
	victim := readPIDFile(t, filepath.Join(dir, "victim"))
	p.waitFor("the victim's row", func(s string) bool { return strings.Contains(s, "sleep 1000") })
	p.send("Z") // paused: the screen keeps the victim's row while its PID changes hands
	p.waitText("PAUSED")

	fifo, err := os.OpenFile(filepath.Join(dir, "go"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(fifo)
	fifo.Close()
	newcomer := readPIDFile(t, filepath.Join(dir, "new"))
	if newcomer != victim {
		t.Skipf("the namespace gave the newcomer pid %d, not the victim's %d", newcomer, victim)
	}
	outer := outerPID(t, victim, "sleep\x001001")
	if strings.Contains(p.capture(false), "sleep 1001") {
		t.Fatal("the paused screen shows the newcomer")
	}

	p.send("k")
	p.waitText("Signal pid")
	p.send("Enter")
	s = p.waitText("PID now belongs to another process")
	if !strings.Contains(statusLine(s), fmt.Sprintf("not sent to pid %d", victim)) {
		t.Errorf("status line: %q", statusLine(s))
	}
	if !alive(outer) {
		t.Fatalf("the newcomer (pid %d here, %d in its namespace) was hit", outer, victim)
	}
}

// readPIDFile waits until a script has written a PID and a newline to path.
func readPIDFile(t *testing.T, path string) int {
	t.Helper()
	deadline := time.Now().Add(e2eWait)
	for {
		b, err := os.ReadFile(path)
		if err == nil && strings.HasSuffix(string(b), "\n") {
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatalf("%s: %q", path, b)
			}
			return pid
		}
		if time.Now().After(deadline) {
			t.Fatalf("no PID in %s", path)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// outerPID finds, as seen from here, the process whose innermost PID is inner
// and whose command line is cmdline (NUL-separated). It waits for it: the
// script writes a child's PID before the child has exec'd its program.
func outerPID(t *testing.T, inner int, cmdline string) int {
	t.Helper()
	for deadline := time.Now().Add(e2eWait); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			cl, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			if strings.TrimRight(string(cl), "\x00") != cmdline {
				continue
			}
			if ns := statusField(pid, "NSpid"); len(ns) > 1 && ns[len(ns)-1] == strconv.Itoa(inner) {
				return pid
			}
		}
	}
	t.Fatalf("no %q with pid %d in its namespace", cmdline, inner)
	return 0
}

// statusField returns the fields of one line of /proc/PID/status.
func statusField(pid int, name string) []string {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && k == name {
			return strings.Fields(v)
		}
	}
	return nil
}

// alive reports whether pid runs and is not a zombie.
func alive(pid int) bool {
	st := statusField(pid, "State")
	return syscall.Kill(pid, 0) == nil && len(st) > 0 && st[0] != "Z"
}

// killNamespace ends the namespace the pane's shell became: SIGKILL to its
// init (unshare's child) takes every process in it along.
func killNamespace(t *testing.T, dir string) {
	b, err := os.ReadFile(filepath.Join(dir, "shell"))
	if err != nil {
		return
	}
	for _, c := range children()[strings.TrimSpace(string(b))] {
		pid, _ := strconv.Atoi(c)
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// tracedCalls are the system calls the read-only trace records: every way to
// signal, renice or reschedule a process, to start a program, to make a
// process, to open a file or a socket.
var tracedCalls = []string{
	"kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_send_signal",
	"setpriority", "ioprio_set", "sched_setaffinity", "sched_setscheduler", "sched_setparam", "sched_setattr",
	"execve", "execveat", "fork", "vfork", "clone", "clone3",
	"open", "openat", "openat2", "creat", "socket",
}

// TestE2EReadOnlyTraced runs the viewer with --readonly under strace, on a
// spawned process, and presses every key (each followed by Enter, to confirm
// whatever it opened) and clicks every label of the function bar, every column
// title and the process's row. The trace must show no call that signals
// another process, changes a priority, affinity or policy, starts a program or
// a process, opens a socket, or opens for writing anything but the config
// file and the terminal; the process must be untouched.
func TestE2EReadOnlyTraced(t *testing.T) {
	p := newPane(t)
	if _, err := exec.LookPath("strace"); err != nil {
		t.Skip("strace is not installed (CI installs it)")
	}
	// As released: without cgo, so no NSS module can open a socket for a user name.
	bin := filepath.Join(t.TempDir(), "pidtop")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	victim := exec.Command("sleep", fmt.Sprintf("3600.%d4242", os.Getpid()))
	reaped(t, victim)
	vpid := victim.Process.Pid
	before := processSettings(t, vpid)
	trace := filepath.Join(t.TempDir(), "trace")
	cfgDir := filepath.Join(t.TempDir(), "config")
	p.send("-l", fmt.Sprintf("XDG_CONFIG_HOME=%s strace -f -qq -o %s -e trace=%s %s --readonly -d 5 -p %d",
		cfgDir, trace, strings.Join(tracedCalls, ","), bin, vpid))
	p.send("Enter")
	main := func(s string) bool {
		return strings.Contains(s, "F1Help") && strings.Contains(s, strconv.Itoa(vpid)) && strings.Contains(s, "PID")
	}
	p.waitFor("the viewer on the victim", main)

	// The viewer is paused, so the screen changes only when a key changes it.
	p.send("Z")
	p.waitText("PAUSED")
	// settle waits until the pane has stopped changing: the keys sent so far
	// have been handled (or until a bound, for a key that changes nothing).
	settle := func() string {
		s, still := p.capture(false), time.Now()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
			if now := p.capture(false); now != s {
				s, still = now, time.Now()
			} else if time.Since(still) > 150*time.Millisecond {
				break
			}
		}
		return s
	}
	// back returns to the main screen after whatever a key opened: Escape
	// until it is there, each time waiting for the Escape to be handled (a key
	// sent sooner could join the Escape into an Alt sequence).
	back := func(after string) {
		t.Helper()
		for try := 0; ; try++ {
			s := settle()
			if mainOnly(s) {
				if !strings.Contains(s, "PAUSED") {
					p.send("Z") // the key walked was Z, or a menu's Enter chose a setting that resumed
					p.waitText("PAUSED")
				}
				return
			}
			if try == 6 {
				t.Fatalf("Escape does not return to the main screen after %s:\n%s", after, s)
			}
			p.send("Escape")
		}
	}
	// Every key but those that end or stop the viewer (q, F10, Ctrl-C, Ctrl-\,
	// Ctrl-Z): the printable ones, the function and editing keys, Ctrl-letters.
	var keys [][]string
	for c := byte(' '); c <= '~'; c++ {
		if c != 'q' {
			keys = append(keys, []string{"-l", string(c)})
		}
	}
	for i := 1; i <= 12; i++ {
		if i != 10 {
			keys = append(keys, []string{fmt.Sprintf("F%d", i)}, []string{fmt.Sprintf("S-F%d", i)})
		}
	}
	for _, k := range []string{"Enter", "Tab", "BTab", "BSpace", "Home", "End", "PPage", "NPage",
		"Up", "Down", "Left", "Right", "IC", "DC"} {
		keys = append(keys, []string{k})
	}
	for c := 'a'; c <= 'z'; c++ {
		if c != 'c' && c != 'z' {
			keys = append(keys, []string{"C-" + string(c)})
		}
	}
	for _, k := range keys {
		p.send(k...)
		p.send("Enter")
		back(strings.Join(k, " "))
	}
	// Every clickable thing: the function bar's labels, the column titles, the row.
	s := p.capture(false)
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	var spots [][2]int
	bar := len(lines) - 1
	for x := 0; x < len(lines[bar]); x++ {
		if lines[bar][x] == 'F' && x+1 < len(lines[bar]) && lines[bar][x+1] >= '1' && lines[bar][x+1] <= '9' &&
			!strings.HasPrefix(lines[bar][x:], "F10") {
			spots = append(spots, [2]int{x, bar})
		}
	}
	for y, l := range lines {
		if strings.Contains(l, "PID") && strings.Contains(l, "Command") {
			for x := 0; x < len(l); x++ {
				if l[x] != ' ' && (x == 0 || l[x-1] == ' ') {
					spots = append(spots, [2]int{x, y})
				}
			}
		}
		if strings.Contains(l, strconv.Itoa(vpid)) && strings.Contains(l, "sleep") {
			spots = append(spots, [2]int{2, y})
		}
	}
	if len(spots) < 10 {
		t.Fatalf("only %d places to click found:\n%s", len(spots), s)
	}
	for _, sp := range spots {
		p.click(sp[0], sp[1])
		p.send("Enter")
		back(fmt.Sprintf("a click at %d,%d", sp[0], sp[1]))
	}
	p.send("q")
	p.waitFor("the shell after the viewer", func(s string) bool { return lastLine(s) == "e2e$" })

	if after := processSettings(t, vpid); !alive(vpid) || after != before {
		t.Errorf("read-only mode touched pid %d: %s, then %s", vpid, before, after)
	}
	checkTrace(t, trace, cfgDir)
}

// mainOnly reports whether the pane shows the main screen with nothing over
// it: the column titles, the function bar on the last line, and no box of a
// menu, dialog or view.
func mainOnly(s string) bool {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Contains(s, "PID") && strings.Contains(s, "Command") &&
		strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), "F1Help") &&
		!strings.ContainsAny(s, "┌╔╭║│") && !strings.Contains(s, "pidtop help")
}

// click sends a left click (press and release) at the 0-based cell x, y, as
// the terminal reports it in SGR mouse mode.
func (p *tmuxPane) click(x, y int) {
	seq := fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x+1, y+1, x+1, y+1)
	args := []string{"-H"}
	for i := 0; i < len(seq); i++ {
		args = append(args, fmt.Sprintf("%02x", seq[i]))
	}
	p.send(args...)
}

// processSettings is what the action keys could change about pid, as the
// kernel reports it: nice, scheduling policy and real-time priority, CPU
// affinity, I/O priority.
func processSettings(t *testing.T, pid int) string {
	t.Helper()
	_, f, ok := procStat(strconv.Itoa(pid))
	if !ok || len(f) < 41-3+1 {
		t.Fatalf("no stat for pid %d", pid)
	}
	const whoProcess = 1 // IOPRIO_WHO_PROCESS
	prio, _, errno := syscall.Syscall(unix.SYS_IOPRIO_GET, whoProcess, uintptr(pid), 0)
	return fmt.Sprintf("nice %s policy %s rtprio %s cpus %s ioprio %d/%v", f[19-3], f[41-3], f[40-3],
		statusField(pid, "Cpus_allowed_list"), prio, errno)
}

// checkTrace reads strace's output and fails on every call the read-only
// viewer must not make. The viewer's own PID is the one strace started.
func checkTrace(t *testing.T, path, cfgDir string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) == 0 {
		t.Fatal("empty trace")
	}
	self := strings.Fields(lines[0])[0] // the first line is strace's execve of the viewer
	calls := map[string]int{}
	bad := func(l, why string) { t.Errorf("%s: %s", why, l) }
	for i, l := range lines {
		f := strings.SplitN(l, " ", 2)
		// Skipped: signals delivered (---), exits (+++), and the second half of
		// a call another thread's interrupted ("<... openat resumed>"), whose
		// first half, with the arguments, has its own line.
		if len(f) < 2 || strings.HasPrefix(f[1], "---") || strings.HasPrefix(f[1], "+++") || strings.HasPrefix(f[1], "<...") {
			continue
		}
		call, args, _ := strings.Cut(f[1], "(")
		call = strings.TrimSpace(call)
		calls[call]++
		switch call {
		case "execve", "execveat":
			if i > 0 {
				bad(l, "started a program")
			}
		case "fork", "vfork":
			bad(l, "made a process")
		case "clone", "clone3":
			if !strings.Contains(args, "CLONE_THREAD") {
				bad(l, "made a process")
			}
		case "kill", "rt_sigqueueinfo":
			if target, _, _ := strings.Cut(args, ","); target != self && target != "0" {
				bad(l, "signalled another process")
			}
		case "tgkill":
			if target, _, _ := strings.Cut(args, ","); target != self {
				bad(l, "signalled another process")
			}
		case "tkill", "rt_tgsigqueueinfo", "pidfd_send_signal", "setpriority", "ioprio_set",
			"sched_setaffinity", "sched_setscheduler", "sched_setparam", "sched_setattr":
			bad(l, "changed a process")
		case "socket":
			bad(l, "opened a socket")
		case "open", "openat", "openat2", "creat":
			if !writes(args) {
				continue
			}
			path := quoted(args)
			if !strings.HasPrefix(path, cfgDir+"/") && path != "/dev/tty" && !strings.HasPrefix(path, "/dev/pts/") {
				bad(l, "opened for writing")
			}
		}
	}
	t.Logf("traced calls: %v", calls)
}

// writes reports whether an open call's flags ask for writing or creating.
func writes(args string) bool {
	for _, f := range []string{"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"} {
		if strings.Contains(args, f) {
			return true
		}
	}
	return false
}

// quoted returns the first double-quoted string of strace's argument text.
func quoted(args string) string {
	_, rest, ok := strings.Cut(args, `"`)
	if !ok {
		return ""
	}
	s, _, _ := strings.Cut(rest, `"`)
	return s
}
