package stress

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/config"
	"github.com/pidtop/pidtop/internal/ui"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// modeEnv set to "full" runs every scenario at its full size.
const modeEnv = "PIDTOP_STRESS"

// full reports whether the scenarios run at their full size.
func full() bool { return os.Getenv(modeEnv) == "full" }

// size picks a scenario's figure for the mode.
func size(short, long int) int {
	if full() {
		return long
	}
	return short
}

// minDelay is the viewer's shortest refresh delay (config: 1 tenth).
const minDelay = 100 * time.Millisecond

// result is one line of the table TestMain prints.
type result struct {
	name     string
	ticks    int
	errors   int
	maxHeap  uint64 // the heap in use, garbage included (HeapAlloc)
	maxLive  uint64 // the heap the last collection found live
	maxRows  int    // the most processes (or threads) a snapshot held
	maxFDs   int
	maxCPU   float64
	outcome  string
	note     string
	finished bool
}

var (
	resultsMu sync.Mutex
	results   []*result
)

// scenario starts the table line of t's scenario; the line's result is set
// when t ends.
func scenario(t *testing.T, name string) *result {
	// The live heap is as of the last collection: without one here it could
	// still be the scenario before's.
	runtime.GC()
	r := &result{name: name}
	resultsMu.Lock()
	results = append(results, r)
	resultsMu.Unlock()
	t.Cleanup(func() {
		resultsMu.Lock()
		defer resultsMu.Unlock()
		switch {
		case t.Failed():
			r.outcome = "FAIL"
		case t.Skipped():
			r.outcome = "skip"
		default:
			r.outcome = "ok"
		}
		r.finished = true
	})
	return r
}

// sample records the process's heap and descriptors into r.
func (r *result) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	n := openFDs()
	resultsMu.Lock()
	r.maxHeap = max(r.maxHeap, ms.HeapAlloc)
	if live[0].Value.Kind() == metrics.KindUint64 {
		r.maxLive = max(r.maxLive, live[0].Value.Uint64())
	}
	r.maxFDs = max(r.maxFDs, n)
	resultsMu.Unlock()
}

// snapshot records a snapshot's tick, errors and largest CPU% into r.
func (r *result) snapshot(s *collect.Snapshot) {
	top := 0.0
	for i := range s.Procs {
		top = max(top, s.Procs[i].CPUPercent)
	}
	resultsMu.Lock()
	r.ticks++
	r.errors += s.Cost.Errors
	r.maxRows = max(r.maxRows, len(s.Procs))
	r.maxCPU = max(r.maxCPU, top)
	resultsMu.Unlock()
}

// addNote appends to r's note column.
func (r *result) addNote(format string, args ...any) {
	resultsMu.Lock()
	if r.note != "" {
		r.note += "; "
	}
	r.note += fmt.Sprintf(format, args...)
	resultsMu.Unlock()
}

func TestMain(m *testing.M) {
	if runChild() {
		return
	}
	code := m.Run()
	printTable()
	os.Exit(code)
}

// printTable prints one line per scenario that ran.
func printTable() {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if len(results) == 0 {
		return
	}
	sort.SliceStable(results, func(i, j int) bool { return results[i].name < results[j].name })
	mode := "short"
	if full() {
		mode = "full"
	}
	fmt.Printf("\nstress scenarios (%s form, %d CPUs)\n", mode, runtime.NumCPU())
	fmt.Printf("%-22s %7s %7s %9s %9s %7s %8s %-6s %s\n", "scenario", "ticks", "errors", "max heap", "max live", "max fds", "max CPU%", "result", "notes")
	for _, r := range results {
		outcome := r.outcome
		if !r.finished {
			outcome = "FAIL" // a panic or Fatal in another goroutine
		}
		heap, live, fds, cpu := "-", "-", "-", "-" // not measured: the scenario ran a binary
		if r.maxHeap > 0 {
			heap = fmt.Sprintf("%.1fM", float64(r.maxHeap)/(1<<20))
			live = fmt.Sprintf("%.1fM", float64(r.maxLive)/(1<<20))
			fds = strconv.Itoa(r.maxFDs)
			cpu = fmt.Sprintf("%.1f", r.maxCPU)
		}
		fmt.Printf("%-22s %7d %7d %9s %9s %7s %8s %-6s %s\n", r.name, r.ticks, r.errors, heap, live, fds, cpu, outcome, r.note)
	}
}

// openFDs counts this process's open descriptors.
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents) - 1 // the directory's own
}

// tee is the real collector as the viewer's feed, with every snapshot shown to
// check first (on the tee's goroutine, before the viewer gets it).
type tee struct {
	*collect.Collector
	out chan *collect.Snapshot
}

func (f *tee) Snapshots() <-chan *collect.Snapshot { return f.out }

// viewer runs the real collector with cfg at the minimum delay and the viewer
// on a simulated w×h screen with settings, calling check with every snapshot.
// Both stop when the test ends (or when stop is called), and their goroutines
// are gone by then.
func viewer(t *testing.T, cfg collect.Config, set config.Settings, w, h int, check func(*collect.Snapshot)) (scr *uitest.Screen, stop func()) {
	t.Helper()
	cfg.Interval = minDelay
	c, err := collect.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := &tee{Collector: c, out: make(chan *collect.Snapshot, 1)}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); c.Run(ctx) }()
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case s := <-c.Snapshots():
				check(s)
				select {
				case f.out <- s:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	scr = uitest.NewScreen(w, h)
	set.Delay = int(minDelay / (100 * time.Millisecond))
	wait := uitest.Start(t, func(vctx context.Context) error {
		go func() { // the viewer ends with the collector
			select {
			case <-ctx.Done():
			case <-vctx.Done():
				cancel()
			}
		}()
		return ui.Run(ctx, ui.Config{Feed: f, Screen: scr.Screen(), Settings: set, AfterDraw: scr.AfterDraw})
	})
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := wait(); err != nil {
				t.Errorf("viewer: %v", err)
			}
			wg.Wait()
			c.Close()
		})
	}
	t.Cleanup(stop)
	return scr, stop
}

// keyAnswered presses / (search) and waits for the first frame that shows the
// search bar; it notes in r how many frames were drawn until then, that one
// included, and how many snapshots r's scenario took meanwhile. The viewer
// answers a key within a refresh. Frames are no measure of that: tview draws
// again for other events, and picks at random between a key and each update
// queued, so several frames may come first. The frames are noted; the
// snapshots, at most maxKeyTicks, are asserted.
func keyAnswered(t *testing.T, r *result, scr *uitest.Screen) {
	t.Helper()
	ticks := func() int {
		resultsMu.Lock()
		defer resultsMu.Unlock()
		return r.ticks
	}
	before, beforeTicks := scr.Frames(), ticks()
	var answerTicks int
	at := scr.Watch(func(lines []string) bool {
		if !strings.Contains(strings.Join(lines, "\n"), "Search:") {
			return false
		}
		answerTicks = ticks()
		return true
	})
	scr.Type("/")
	var frames int
	select {
	case n := <-at:
		frames = n - before
	case <-time.After(uitest.Timeout):
		t.Fatalf("no search bar in %s; screen:\n%s", uitest.Timeout, scr.Text())
	}
	scr.Key(tcell.KeyEscape)
	waited := answerTicks - beforeTicks
	r.addNote("key answered in %d frame(s), %d snapshot(s)", frames, waited)
	if waited > maxKeyTicks {
		t.Errorf("the key was answered after %d snapshots (%d frames), not within a refresh", waited, frames)
	}
}

// maxKeyTicks is the most snapshots the collector may take between a key and
// its answer: one that was being taken as the key came, and the next, which a
// key pressed just before a refresh may see come first.
const maxKeyTicks = 2
