package export

import (
	"sync"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/layer"
)

// Server answers scrapes from one collector: a scrape that comes less than
// an interval after the last collection gets that collection's figures, so
// scrapes (however many, however often) cost one collection per interval at
// most; concurrent scrapes wait for the one collection in progress and share
// it. Nothing is collected between scrapes.
type Server struct {
	mu       sync.Mutex
	c        *collect.Collector
	x        *Exporter
	interval time.Duration
	last     time.Time // of the last collection; zero before the first
	snap     *collect.Snapshot
	bodies   [2][]byte // the last collection's exposition per Format, once rendered
}

// NewServer makes the collector and exporter for cfg. interval is the least
// time between two collections.
func NewServer(cfg Config, interval time.Duration) (*Server, error) {
	needs, err := cfg.Needs()
	if err != nil {
		return nil, err
	}
	x, err := New(cfg)
	if err != nil {
		return nil, err
	}
	c, err := collect.New(collect.Config{Interval: interval, Needs: needs,
		SkipIdle: layer.On(layer.SkipIdle), KeepIdle: layer.On(layer.KeepIdle)})
	if err != nil {
		return nil, err
	}
	// A first full read, so the first scrape's CPU shares (which pick the top
	// processes) are rates over the time since, and its idle processes have
	// their records to keep.
	c.Collect()
	return &Server{c: c, x: x, interval: interval}, nil
}

// Close releases the collector's descriptors. Call it after Serve returned.
func (s *Server) Close() { s.c.Close() }

// Exposition returns the metrics in format f, collecting first if the last
// collection is an interval old or more. The bytes are shared: do not
// change them.
func (s *Server) Exposition(f Format) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.snap == nil || time.Since(s.last) >= s.interval {
		snap := s.c.Collect()
		s.last = time.Now()
		s.x.Update(snap)
		s.snap = snap
		s.bodies = [2][]byte{}
	}
	if s.bodies[f] == nil {
		s.bodies[f] = s.x.Render(f, make([]byte, 0, len(s.bodies[1-f])+4096))
	}
	return s.bodies[f]
}
