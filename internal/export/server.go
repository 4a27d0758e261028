package export

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
)

// MaxConns bounds the connections the server holds open at once; more wait
// in the kernel's accept queue. The collector keeps a reserve of descriptors
// for everything but its own /proc files (collect's fdReserve); this is the
// exporter's share of it. A scraper needs one.
const MaxConns = 64

// The HTTP server's timeouts: a client that is slow to send its request or
// to read the answer loses its connection, and never holds up a collection,
// which runs under its own lock before any byte is written.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
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
	// SkipIdle and KeepIdle: a process that has not run since the last
	// collection keeps its record, read nothing for but its schedstat. On a
	// machine of mostly idle processes that is most of the cost of a scrape.
	c, err := collect.New(collect.Config{Interval: interval, Needs: needs, SkipIdle: true, KeepIdle: true})
	if err != nil {
		return nil, err
	}
	// A first full read, so the first scrape's CPU shares (which pick the top
	// processes) are rates over the time since, and its idle processes have
	// their records to keep.
	c.Release(c.Collect())
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
		s.c.Release(s.snap) // the exporter no longer points into it
		s.snap = snap
		s.bodies = [2][]byte{}
	}
	if s.bodies[f] == nil {
		s.bodies[f] = s.x.Render(f, make([]byte, 0, len(s.bodies[1-f])+4096))
	}
	return s.bodies[f]
}

// ServeHTTP answers GET and HEAD of /metrics; / says where the metrics are.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/metrics":
	case "/":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("pidtop exporter: the metrics are at /metrics\n"))
		return
	default:
		http.NotFound(w, r)
		return
	}
	f := Negotiate(r.Header.Get("Accept"))
	body := s.Exposition(f)
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// Serve answers on ln until ctx is done, at most MaxConns connections at a
// time, then closes ln and the open connections.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    8 << 10,
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			srv.Close()
		case <-done:
		}
	}()
	err := srv.Serve(limitListener(ln, MaxConns))
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// limited is a listener that holds at most n connections open: Accept waits
// for a slot before it takes the next connection from the kernel.
type limited struct {
	net.Listener
	slots chan struct{}
	done  chan struct{}
	once  sync.Once
}

func limitListener(ln net.Listener, n int) net.Listener {
	return &limited{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

func (l *limited) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limited) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitedConn gives its slot back once, on its first Close.
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
