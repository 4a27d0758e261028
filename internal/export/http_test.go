package export

import (
	"bufio"
	"errors"
	"strings"
	"testing"
)

func TestReadRequest(t *testing.T) {
	for _, c := range []struct {
		in   string
		want request
		err  error
	}{
		{"GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text\r\n\r\n",
			request{method: "GET", path: "/metrics", accept: "application/openmetrics-text", keepAlive: true}, nil},
		{"GET /metrics?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n", request{method: "GET", path: "/metrics"}, nil},
		{"HEAD / HTTP/1.0\r\n\r\n", request{method: "HEAD", path: "/"}, nil},
		{"GET / HTTP/1.0\r\nconnection: Keep-Alive\r\n\n", request{method: "GET", path: "/", keepAlive: true}, nil},
		{"GET /metrics HTTP/2.0\r\n\r\n", request{}, errBadRequest},
		{"GET http://evil/ HTTP/1.1\r\n\r\n", request{}, errBadRequest},
		{"GET  /metrics HTTP/1.1\r\n\r\n", request{}, errBadRequest},
		{"POST /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", request{}, errBadRequest},
		{"GET /metrics HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", request{}, errBadRequest},
		{"GET /metrics HTTP/1.1\r\nno colon\r\n\r\n", request{}, errBadRequest},
		{"GET /metrics HTTP/1.1\r\nX: " + strings.Repeat("a", 5000) + "\r\n\r\n", request{}, errBadRequest},
		{"GET /metrics HTTP/1.1\r\n" + strings.Repeat("X: y\r\n", 100) + "\r\n", request{}, errBadRequest},
		{strings.Repeat("X: "+strings.Repeat("a", 3000)+"\r\n", 4), request{}, errBadRequest},
	} {
		got, err := readRequest(bufio.NewReaderSize(strings.NewReader(c.in), 4096))
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%.40q: err %v, want %v", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%.40q: %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

func FuzzReadRequest(f *testing.F) {
	f.Add("GET /metrics HTTP/1.1\r\nAccept: */*\r\n\r\n")
	f.Add("HEAD / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n")
	f.Add("GET /\x00 HTTP/1.1\r\n:\r\n\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		req, err := readRequest(bufio.NewReaderSize(strings.NewReader(in), 4096))
		if err == nil && (len(req.path) == 0 || req.path[0] != '/' || len(req.accept) > maxHeaderBytes) {
			t.Fatalf("%q read as %+v", in, req)
		}
	})
}
