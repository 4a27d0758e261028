package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// The end-to-end test runs the built binary in a private tmux server, types keys
// with send-keys and reads the pane with capture-pane. PIDTOP_E2E_BIG=1 adds
// ~20,000 sleeping processes (bench/cmd/spawn) and logs the keypress-to-screen
// latency there too.

// e2eWait bounds every wait on the pane: a deadlock guard, not a measurement.
const e2eWait = 40 * time.Second

// tmuxPane is one tmux server on a socket of our own, with one 160×50 pane
// running a shell (sh unless newPaneWith says) with a recognisable prompt.
type tmuxPane struct {
	t      *testing.T
	socket string
}

func newPane(t *testing.T) *tmuxPane {
	t.Helper()
	return newPaneWith(t, "sh")
}

// newPaneWith is newPane with another shell command (bash, for job control).
func newPaneWith(t *testing.T, shell ...string) *tmuxPane {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs it in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	// One server per test: a server being killed by the previous test's cleanup
	// must not share a socket with the next one's.
	tmuxServers++
	p := &tmuxPane{t: t, socket: fmt.Sprintf("pidtop-e2e-%d-%d", os.Getpid(), tmuxServers)}
	p.tmux(append([]string{"-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "160", "-y", "50",
		// A config directory per test: a sort one test's viewer saves must
		// not greet the next test's viewer.
		"env", "PS1=e2e$ ", "HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}, shell...)...)
	panePID := strings.TrimSpace(p.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}"))
	t.Cleanup(func() {
		// What runs in the pane (a viewer saving its settings on SIGHUP)
		// must be gone before the config directory is removed.
		pids := descendants(panePID)
		_ = exec.Command("tmux", "-L", p.socket, "kill-server").Run()
		waitGone(t, pids)
	})
	p.tmux("set-option", "-g", "status", "off")
	p.waitFor("the shell prompt", func(s string) bool { return strings.Contains(s, "e2e$") })
	return p
}

// procStat returns a process's name and the fields of /proc/PID/stat after
// it (state first, proc(5)'s field n at index n-3), or ok false when it is gone.
func procStat(pid string) (name string, f []string, ok bool) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return "", nil, false
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return "", nil, false
	}
	return s[open+1 : end], strings.Fields(s[end+1:]), true
}

// children maps each PID (as /proc names it) to the PIDs whose parent it is.
func children() map[string][]string {
	m := map[string][]string{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		if _, f, ok := procStat(e.Name()); ok && len(f) > 1 {
			m[f[1]] = append(m[f[1]], e.Name())
		}
	}
	return m
}

// descendants returns pid and every process below it, by PPID.
func descendants(pid string) []int {
	below := children()
	var out []int
	for todo := []string{pid}; len(todo) > 0; todo = todo[1:] {
		if n, err := strconv.Atoi(todo[0]); err == nil {
			out = append(out, n)
		}
		todo = append(todo, below[todo[0]]...)
	}
	return out
}

// waitGone waits until none of pids runs (a zombie counts as gone), up to
// e2eWait; it reports those still running then.
func waitGone(t *testing.T, pids []int) {
	deadline := time.Now().Add(e2eWait)
	for _, pid := range pids {
		for {
			_, f, ok := procStat(strconv.Itoa(pid))
			if !ok || len(f) == 0 || f[0] == "Z" {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("pid %d of the pane still runs after the tmux server ended", pid)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// tmuxServers numbers this test binary's tmux servers.
var tmuxServers int

// tmux runs a tmux command on our server.
func (p *tmuxPane) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// send types keys (tmux key names: F6, Enter, Escape, or literal text with -l).
func (p *tmuxPane) send(keys ...string) {
	p.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// capture returns the pane's text; with escapes, its SGR colour sequences too.
func (p *tmuxPane) capture(escapes bool) string {
	args := []string{"capture-pane", "-p", "-t", "e2e"}
	if escapes {
		args = append(args, "-e")
	}
	return p.tmux(args...)
}

// waitFor polls the pane until ok; it fails the test with the pane after e2eWait.
func (p *tmuxPane) waitFor(what string, ok func(string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(e2eWait)
	for {
		s := p.capture(false)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; pane:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (p *tmuxPane) waitText(text string) string {
	p.t.Helper()
	return p.waitFor(text, func(s string) bool { return strings.Contains(s, text) })
}

// buildBinary builds this command into a temporary directory.
func buildBinary(t *testing.T, pkg, name string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// startProc starts a process and kills and reaps it by PID when the test ends.
func startProc(t *testing.T, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd
}

var (
	cpuBar = regexp.MustCompile(`(?m)^\s*(\d+|Avg)\[[ |]*\d+\.\d%\]`)
	memBar = regexp.MustCompile(`(?m)Mem\[[ |]*[\d.]+[KMGT]/[\d.]+[KMGT]\]`)
)

// startViewer types the binary's path at the prompt and waits for the viewer.
func (p *tmuxPane) startViewer(bin string, args ...string) string {
	p.t.Helper()
	p.send("-l", strings.Join(append([]string{bin}, args...), " "))
	p.send("Enter")
	s := p.waitFor("the viewer", func(s string) bool {
		return strings.Contains(s, "F10Quit") || strings.Contains(s, "not wired")
	})
	if strings.Contains(s, "not wired") {
		p.t.Skip("cmd/pidtop does not start the viewer yet")
	}
	return s
}

// columnValues returns, for the table under the header, the numbers in field f.
func columnValues(pane string, f int) []float64 {
	var out []float64
	inTable := false
	for _, l := range strings.Split(pane, "\n") {
		if strings.Contains(l, "PID") && strings.Contains(l, "Command") {
			inTable = true
			continue
		}
		fields := strings.Fields(l)
		if !inTable || len(fields) <= f {
			continue
		}
		if v, err := strconv.ParseFloat(fields[f], 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

func TestE2EViewer(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	marker := fmt.Sprintf("3600.%d4242", os.Getpid())
	startProc(t, "sleep", marker)

	p.startViewer(bin)
	s := p.waitFor("CPU and Mem bars", func(s string) bool {
		return len(cpuBar.FindAllString(s, -1)) >= 1 && memBar.MatchString(s) && strings.Contains(s, "Swp[")
	})
	t.Logf("header:\n%s", strings.Join(strings.Split(s, "\n")[:6], "\n"))

	// F6: the sort menu, one down from CPU% is MEM%.
	p.send("F6")
	p.waitText("Sort by")
	p.send("Down")
	p.send("Enter")
	// Descending from the refresh after the change on: until then the order
	// is the last tick's, which read statm for the rows on screen only, while
	// the rows drawn show what was read as they were drawn, and a busy
	// process's memory moves in between (seen with go test ./... running).
	memSorted := func(s string) bool {
		mem := columnValues(s, 9)
		return strings.Contains(s, "MEM%▽") && len(mem) >= 5 &&
			slices.IsSortedFunc(mem, func(a, b float64) int { return int(b*10 - a*10) })
	}
	p.waitFor("MEM% descending after F6", memSorted)
	p.send("N")
	p.waitText("PID△")
	p.send("M")
	p.waitFor("MEM% descending after M", memSorted)

	// /: the search jumps to the spawned sleep, which is selected (drawn on teal).
	p.send("/")
	p.waitText("Search:")
	p.send("-l", marker)
	p.waitFor("the selected sleep", func(string) bool { return selectedLineHas(p.capture(true), marker) })
	p.send("Escape")
	p.waitFor("the search line to close", func(s string) bool { return !strings.Contains(s, "Search:") })

	latency(t, p, "normal load")

	// q: back to the shell, its screen intact and working.
	p.send("q")
	s = p.waitFor("the shell", func(s string) bool { return !strings.Contains(s, "F10Quit") })
	if !strings.Contains(s, "e2e$ "+bin) {
		t.Fatalf("the shell's screen was not restored:\n%s", s)
	}
	p.send("-l", "echo alive-$((40+2))")
	p.send("Enter")
	p.waitText("alive-42")
}

// selectedLineHas reports whether the line with text is drawn with the
// selection's teal background (SGR 46, or 48;5;6 on 256 colours).
func selectedLineHas(pane, text string) bool {
	for _, l := range strings.Split(pane, "\n") {
		if strings.Contains(l, text) {
			return strings.Contains(l, "[46m") || strings.Contains(l, ";46m") || strings.Contains(l, "48;5;6m") || strings.Contains(l, "46;")
		}
	}
	return false
}

// visibleScreen reads capture-pane -e output into what one sees, a line per
// row of width cells (see uitest.SGR.Cell). Two captures that differ only in
// how they spell the same screen read the same: tmux writes the attributes
// from one cell to the next, across rows, and leaves out erased cells at a
// row's end.
func visibleScreen(t *testing.T, capture string, width int) string {
	t.Helper()
	sgr := regexp.MustCompile(`^\x1b\[([0-9;]*)m`)
	var st uitest.SGR
	var out strings.Builder
	for _, line := range strings.Split(strings.TrimRight(capture, "\n"), "\n") {
		cells := 0
		for line != "" {
			if m := sgr.FindStringSubmatch(line); m != nil {
				line = line[len(m[0]):]
				if !st.Apply(m[1]) {
					t.Fatalf("capture-pane wrote an SGR this test does not read: %q", m[0])
				}
				continue
			}
			r, size := utf8.DecodeRuneInString(line)
			line = line[size:]
			out.WriteString(st.Cell(string(r)) + " ")
			cells++
		}
		for ; cells < width; cells++ {
			out.WriteString(uitest.SGR{}.Cell(" ") + " ")
		}
		out.WriteString("\n")
	}
	return out.String()
}

// latency times send-keys until capture-pane shows the sort marker change,
// alternating M and P, and logs the figures (a record, not an assertion). Each
// sample includes a tmux send-keys and the polling capture-pane runs.
func latency(t *testing.T, p *tmuxPane, what string) {
	t.Helper()
	var samples []time.Duration
	for i := range 10 {
		key, want := "M", "MEM%▽"
		if i%2 == 0 {
			key, want = "P", "CPU%▽"
		}
		start := time.Now()
		p.send(key)
		p.waitText(want)
		samples = append(samples, time.Since(start))
	}
	slices.Sort(samples)
	t.Logf("keypress→screen latency at %s (%d processes): median %v, max %v over %d presses",
		what, countProcs(), samples[len(samples)/2].Round(time.Millisecond),
		samples[len(samples)-1].Round(time.Millisecond), len(samples))
}

func countProcs() int {
	ents, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err == nil {
			n++
		}
	}
	return n
}

// TestE2EBigLatency fills the machine to ~20,000 processes and records the
// viewer's keypress latency; only with PIDTOP_E2E_BIG=1.
func TestE2EBigLatency(t *testing.T) {
	if os.Getenv("PIDTOP_E2E_BIG") != "1" {
		t.Skip("set PIDTOP_E2E_BIG=1 to run with ~20,000 processes")
	}
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	spawnBin := buildBinary(t, "../../bench/cmd/spawn", "spawn")
	sp := exec.Command(spawnBin, "20000")
	out, err := sp.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sp.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // spawn kills and reaps its children on SIGTERM
		_ = sp.Process.Signal(syscall.SIGTERM)
		_ = sp.Wait()
	})
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "ready") {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("spawn ended before it was ready")
		}
	case <-time.After(5 * time.Minute):
		t.Fatal("spawn was not ready after 5 minutes")
	}
	p.startViewer(bin)
	p.waitFor("a full table", func(s string) bool { return len(columnValues(s, 0)) > 20 })
	latency(t, p, "~20,000 processes")
	p.send("q")
	p.waitFor("the shell", func(s string) bool { return !strings.Contains(s, "F10Quit") })
}

// TestE2ERowsMoved: when a process leaves the middle of the list, the rows below
// are moved up on the terminal (delete line in a scroll region) instead of
// rewritten, and the screen is then exactly what a full redraw (Ctrl-L) shows.
func TestE2ERowsMoved(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	marker := fmt.Sprintf("3600.%d77", os.Getpid())
	var sleepers []*exec.Cmd
	for range 60 { // more than the pane's 50 rows: the list runs to the key bar
		sleepers = append(sleepers, startProc(t, "sleep", marker))
	}
	// By PID, as the viewer lists them: PIDs wrap at pid_max (32,768 by
	// default), so on a machine with thousands of processes the order they
	// were started in is not the order on screen, and a victim picked by start
	// order can be below the pane, where its exit moves no row.
	slices.SortFunc(sleepers, func(a, b *exec.Cmd) int { return a.Process.Pid - b.Process.Pid })
	out := filepath.Join(t.TempDir(), "pane.out")
	p.tmux("pipe-pane", "-t", "e2e", "-o", "cat >> "+out)
	p.startViewer(bin, "-d", "3", "-s", "pid", "-F", marker)
	// Every sleeper from the first to a few past the victim, on screen with its
	// command line: a sleeper caught mid-exec by a tick is left out by the
	// filter until the next, and the victim must leave a screen that showed it.
	// With its SHR too: a row's SHR is read once it is on screen, and a victim
	// that exits before then moves rows whose SHR changes in the same frame,
	// which is drawn as changed cells, not as a move.
	listed := func(c *exec.Cmd, s string) bool {
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\s.*sleep %s`, c.Process.Pid, regexp.QuoteMeta(marker)))
		m := row.FindString(s)
		return m != "" && !strings.Contains(m, "N/A")
	}
	p.waitFor("the first sleepers, with their SHR", func(s string) bool {
		for _, c := range sleepers[:6] {
			if !listed(c, s) {
				return false
			}
		}
		return true
	})

	victim := sleepers[2] // third by PID: the rows below it move up
	_ = victim.Process.Kill()
	_ = victim.Wait()
	gone := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\s`, victim.Process.Pid))
	p.waitFor("the exited sleeper gone", func(s string) bool { return !gone.MatchString(s) })
	// A few more frames on the new list (the header's uptime changes every
	// second, so there is always one to come).
	for range 2 {
		waitOutput(t, out, fileSize(t, out)+1)
	}

	p.send("Z")
	p.waitText("PAUSED")
	moved := p.settled(out)
	// Ctrl-L clears the terminal and draws every cell again. tmux parses what
	// it reads before it passes it to pipe-pane's cat, so once the clear is in
	// the file the pane shows the redraw or part of it: wait for all of it.
	from := fileSize(t, out)
	p.send("C-l")
	erase := regexp.MustCompile(`\x1b\[(2)?J`)
	waitUntil(t, "the clear of Ctrl-L's redraw", func() bool { return erase.Match(readFrom(t, out, from)) })
	var redrawn string
	for deadline := time.Now().Add(e2eWait); ; time.Sleep(20 * time.Millisecond) {
		redrawn = visibleScreen(t, p.capture(true), 160)
		if redrawn == moved || time.Now().After(deadline) {
			break
		}
	}
	if moved != redrawn {
		t.Errorf("the screen after moving rows differs from a full redraw\nmoved:\n%s\nredrawn:\n%s", moved, redrawn)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`\x1b\[\d+;\d+r\x1b\[\d+;1H\x1b\[1M\x1b\[r`).Match(b) {
		t.Errorf("no row move (delete line in a scroll region) in %d bytes of output", len(b))
	}
	p.send("q")
}

// settled returns the pane (with its colours, as visibleScreen reads it) once
// a frame has been taken in whole: the terminal output piped to out and the
// pane itself unchanged over three polls. The viewer must be paused, or its
// screen never settles.
func (p *tmuxPane) settled(out string) string {
	p.t.Helper()
	var last string
	size, same := int64(-1), 0
	for deadline := time.Now().Add(e2eWait); same < 3; time.Sleep(20 * time.Millisecond) {
		s, n := visibleScreen(p.t, p.capture(true), 160), fileSize(p.t, out)
		if s == last && n == size {
			same++
		} else {
			same = 0
		}
		last, size = s, n
		if time.Now().After(deadline) {
			p.t.Fatalf("the pane did not settle; pane:\n%s", p.capture(false))
		}
	}
	return last
}

// fileSize is the size of the file at path; 0 before it exists.
func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// readFrom returns the file at path from byte offset on.
func readFrom(t *testing.T, path string, offset int64) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	if int64(len(b)) < offset {
		return nil
	}
	return b[offset:]
}

// waitOutput waits until the file at path holds at least n bytes.
func waitOutput(t *testing.T, path string, n int64) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("%d bytes of terminal output", n), func() bool { return fileSize(t, path) >= n })
}

// waitUntil polls ok until it holds; it fails the test after e2eWait.
func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(e2eWait); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestE2EThreadRowsCPU: H on a process of busy threads. On the next five
// frames each thread row's CPU% is at most 100 (one thread runs on one CPU at
// a time; 105 leaves room for the clock tick's granularity) and the process's
// at most 100 × cores: a thread's first figure comes from two reads of that
// thread, never from its process's counters (issue 17: 887%, 9884% were seen
// on a 2-core machine). The collector clamps every figure to 100 × cores, so
// only the thread bound can see that fault come back.
func TestE2EThreadRowsCPU(t *testing.T) {
	p := newPane(t)
	bin := buildBinary(t, ".", "pidtop")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const threads = 4
	busy := exec.Command(self, "-test.run=^$")
	busy.Env = append(os.Environ(), fmt.Sprintf("%s=%d", busyThreadsEnv, threads))
	reaped(t, busy)
	pid := strconv.Itoa(busy.Process.Pid)
	limit := 100 * float64(runtime.NumCPU())

	p.startViewer(bin, "-d", "5", "-p", pid)
	p.waitFor("the busy process", func(s string) bool { return strings.Contains(s, pid) })
	p.send("H")
	frames, last := 0, ""
	for frames < 5 {
		s := p.waitFor("a new frame with the thread rows", func(s string) bool {
			return s != last && len(columnValues(s, 8)) > threads // the process and its threads
		})
		last = s
		frames++
		inTable := false
		for _, l := range strings.Split(s, "\n") {
			f := strings.Fields(l)
			if strings.Contains(l, "PID") && strings.Contains(l, "Command") {
				inTable = true
				continue
			}
			if !inTable || len(f) <= 8 {
				continue
			}
			v, err := strconv.ParseFloat(f[8], 64)
			if err != nil {
				continue
			}
			bound := 105.0 // a thread row
			if f[0] == pid {
				bound = limit // the process: all its threads
			}
			if v > bound || v < 0 {
				t.Fatalf("frame %d after H: CPU%% %.1f on the row of %s, beyond 0..%.0f:\n%s", frames, v, f[0], bound, s)
			}
		}
	}
}
