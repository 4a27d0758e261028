package export

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
	"time"
)

// The exporter speaks just enough HTTP/1.1 for a scraper: GET and HEAD of
// /metrics (and / for a person who looks), no request bodies, keep-alive.
// net/http would do it too, but it brings TLS, X.509 and HTTP/2 into the
// binary: 5 MB more, two thirds of what pidtop weighs without it (see
// bench/results/exporter-2026-12-06.md). What a hand-written server must get
// right it does here, bounded: a request is at most maxHeaderBytes, it is read
// within readHeaderTimeout, an answer is written within writeTimeout, and
// anything unexpected gets a 4xx and the connection closed.

// MaxConns bounds the connections the server holds open at once; more wait
// in the kernel's accept queue. The collector keeps a reserve of descriptors
// for everything but its own /proc files (collect's fdReserve); this is the
// exporter's share of it. A scraper needs one.
const MaxConns = 64

// The limits of a connection. A client that is slow to send its request or
// to read the answer loses its connection; none of it holds up a collection,
// which runs under its own lock before a byte of the answer is written.
const (
	readHeaderTimeout = 5 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 8 << 10
	maxHeaderLines    = 64
)

// Serve answers on ln until ctx is done, at most MaxConns connections at a
// time, then closes ln and every connection and returns once they are done.
func Serve(ctx context.Context, ln net.Listener, s *Server) error {
	var (
		mu    sync.Mutex
		conns = map[net.Conn]struct{}{}
		wg    sync.WaitGroup
		slots = make(chan struct{}, MaxConns)
	)
	stop := context.AfterFunc(ctx, func() {
		ln.Close()
		mu.Lock()
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	defer stop()
	defer wg.Wait()
	for {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		c, err := ln.Accept()
		if err != nil {
			<-slots
			if ctx.Err() != nil {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return err
		}
		mu.Lock()
		if ctx.Err() != nil {
			mu.Unlock()
			c.Close()
			<-slots
			return nil
		}
		conns[c] = struct{}{}
		mu.Unlock()
		wg.Go(func() {
			s.serveConn(c)
			c.Close()
			mu.Lock()
			delete(conns, c)
			mu.Unlock()
			<-slots
		})
	}
}

// request is what the server reads of a request.
type request struct {
	method, path, accept string
	keepAlive            bool
}

var errBadRequest = errors.New("bad request")

// serveConn answers the requests of one connection until it closes, errs,
// asks to close or idles out.
func (s *Server) serveConn(c net.Conn) {
	br := bufio.NewReaderSize(c, 4096)
	bw := bufio.NewWriterSize(c, 4096)
	for {
		c.SetReadDeadline(time.Now().Add(idleTimeout))
		if _, err := br.Peek(1); err != nil {
			return
		}
		c.SetReadDeadline(time.Now().Add(readHeaderTimeout))
		req, err := readRequest(br)
		c.SetWriteDeadline(time.Now().Add(writeTimeout))
		if err != nil {
			if errors.Is(err, errBadRequest) {
				respond(bw, 400, "text/plain; charset=utf-8", []byte("bad request\n"), false, false)
				bw.Flush()
			}
			return
		}
		s.answer(bw, req)
		if bw.Flush() != nil || !req.keepAlive {
			return
		}
	}
}

// answer writes the response to req.
func (s *Server) answer(bw *bufio.Writer, req request) {
	text := "text/plain; charset=utf-8"
	head := req.method == "HEAD"
	switch {
	case req.method != "GET" && !head:
		respond(bw, 405, text, []byte("method not allowed\n"), head, req.keepAlive, "Allow: GET, HEAD")
	case req.path == "/metrics":
		f := Negotiate(req.accept)
		respond(bw, 200, f.ContentType(), s.Exposition(f), head, req.keepAlive)
	case req.path == "/":
		respond(bw, 200, text, []byte("pidtop exporter: the metrics are at /metrics\n"), head, req.keepAlive)
	default:
		respond(bw, 404, text, []byte("not found: the metrics are at /metrics\n"), head, req.keepAlive)
	}
}

var statusText = map[int]string{200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}

func respond(bw *bufio.Writer, code int, ctype string, body []byte, head, keepAlive bool, extra ...string) {
	bw.WriteString("HTTP/1.1 " + strconv.Itoa(code) + " " + statusText[code] + "\r\nContent-Type: " + ctype +
		"\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n")
	for _, h := range extra {
		bw.WriteString(h + "\r\n")
	}
	if !keepAlive {
		bw.WriteString("Connection: close\r\n")
	}
	bw.WriteString("\r\n")
	if !head {
		bw.Write(body)
	}
}

// readRequest reads a request line and its headers. It refuses (errBadRequest)
// a malformed or oversized request and one with a body; other errors are the
// connection's.
func readRequest(br *bufio.Reader) (request, error) {
	var req request
	total := 0
	line := func() ([]byte, error) {
		b, err := br.ReadSlice('\n')
		total += len(b)
		switch {
		case errors.Is(err, bufio.ErrBufferFull) || total > maxHeaderBytes:
			return nil, errBadRequest
		case err != nil:
			return nil, err
		}
		return bytes.TrimRight(b, "\r\n"), nil
	}
	l, err := line()
	if err != nil {
		return req, err
	}
	parts := bytes.Split(l, []byte(" "))
	if len(parts) != 3 || len(parts[0]) == 0 || len(parts[1]) == 0 || parts[1][0] != '/' {
		return req, errBadRequest
	}
	req.method = string(parts[0])
	req.path = string(parts[1])
	if i := bytes.IndexByte(parts[1], '?'); i >= 0 {
		req.path = string(parts[1][:i])
	}
	switch string(parts[2]) {
	case "HTTP/1.1":
		req.keepAlive = true
	case "HTTP/1.0":
	default:
		return req, errBadRequest
	}
	for n := 0; ; n++ {
		l, err := line()
		if err != nil {
			return req, err
		}
		if len(l) == 0 {
			return req, nil
		}
		if n == maxHeaderLines {
			return req, errBadRequest
		}
		name, value, ok := bytes.Cut(l, []byte(":"))
		if !ok {
			return req, errBadRequest
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Accept")):
			req.accept = string(value)
		case bytes.EqualFold(name, []byte("Connection")):
			for _, tok := range bytes.Split(value, []byte(",")) {
				switch tok = bytes.TrimSpace(tok); {
				case bytes.EqualFold(tok, []byte("close")):
					req.keepAlive = false
				case bytes.EqualFold(tok, []byte("keep-alive")) && string(parts[2]) == "HTTP/1.0":
					req.keepAlive = true
				}
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")),
			bytes.EqualFold(name, []byte("Content-Length")) && string(value) != "0":
			return req, errBadRequest // a scrape has no body, and reading one is a way to stall
		}
	}
}
