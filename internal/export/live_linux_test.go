package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/pidtop/pidtop/internal/export/exporttest"
)

// serve starts a Server on 127.0.0.1 and returns its base URL.
func serve(t *testing.T, cfg Config, interval time.Duration) (*Server, string) {
	t.Helper()
	srv, err := NewServer(cfg, interval)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, srv) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		srv.Close()
	})
	return srv, "http://" + ln.Addr().String()
}

func get(t *testing.T, url, accept string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// On the real /proc: a spawned group of processes shows as one group with
// its process count, CPU and memory, and a hostile name as one inert label.
func TestLiveGroup(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	name := fmt.Sprintf("pxg%d", os.Getpid()%100000)
	exporttest.SpawnGroup(t, name, 3)
	hostile := "h\"\\\x1b\n\xff" + name
	exporttest.SpawnGroup(t, hostile, 1)
	_, url := serve(t, Config{TopK: 5, IO: true, CtxtSw: true}, time.Millisecond)
	deadline := time.Now().Add(30 * time.Second)
	var fams map[string]*dto.MetricFamily
	for {
		resp, body := get(t, url+"/metrics", "")
		if ct := resp.Header.Get("Content-Type"); ct != Text.ContentType() {
			t.Fatalf("Content-Type %q", ct)
		}
		fams = parseText(t, body)
		n, _ := sample(fams, "pidtop_group_processes", "group", name)
		cpu, _ := sample(fams, "pidtop_group_cpu_seconds_total", "group", name, "mode", "user")
		if n == 3 && cpu > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("group %s: %v processes, %v s user CPU after 30 s", name, n, cpu)
		}
	}
	if v, _ := sample(fams, "pidtop_group_resident_memory_bytes", "group", name); v < 3*4096 {
		t.Errorf("group %s: RSS %v bytes", name, v)
	}
	if v, _ := sample(fams, "pidtop_group_threads", "group", name); v != 3 {
		t.Errorf("group %s: %v threads", name, v)
	}
	if _, ok := sample(fams, "pidtop_group_context_switches_total", "group", name); !ok {
		t.Errorf("group %s has no context switches", name)
	}
	// The kernel keeps 15 bytes of the name; what is left of the hostile
	// part is escaped.
	written := string(appendLabelValue(nil, hostile[:min(15, len(hostile))]))
	want := strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(written) // as the parser unescapes
	if v, ok := sample(fams, "pidtop_group_processes", "group", want); !ok || v != 1 {
		t.Errorf("no group %q for the hostile name", want)
	}
	for _, fam := range []string{"pidtop_memory_total_bytes", "pidtop_cpu_seconds_total", "pidtop_load1",
		"pidtop_uptime_seconds", "pidtop_processes", "pidtop_exporter_processes_read", "pidtop_process_cpu_seconds_total"} {
		if len(fams[fam].GetMetric()) == 0 {
			t.Errorf("no %s", fam)
		}
	}
}

// Scrapes within an interval share one collection, concurrent ones too; the
// server answers only GET and HEAD of /metrics, in the format asked for.
func TestServerSharesCollections(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	_, url := serve(t, Config{}, time.Hour)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { get(t, url+"/metrics", "") })
	}
	wg.Wait()
	resp, body := get(t, url+"/metrics", "application/openmetrics-text; version=1.0.0")
	if ct := resp.Header.Get("Content-Type"); ct != OpenMetrics.ContentType() {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.Contains(string(body), "\npidtop_exporter_collections_total 1\n") || !strings.HasSuffix(string(body), "# EOF\n") {
		t.Errorf("nine scrapes within the interval did not share one collection:\n%s", body)
	}
	for _, c := range []struct {
		method, path string
		code         int
	}{{"POST", "/metrics", 405}, {"GET", "/nope", 404}, {"HEAD", "/metrics", 200}, {"GET", "/", 200}} {
		req, _ := http.NewRequest(c.method, url+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.code {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.code)
		}
	}
}

// Beside a client that sent half a request and stalls (it holds no lock; the
// header timeout ends its connection later), two requests on one connection
// are answered (keep-alive), then a bad one closes it.
func TestConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	_, url := serve(t, Config{}, time.Hour)
	dial := func() net.Conn {
		c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	if _, err := dial().Write([]byte("GET /metrics HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	c := dial()
	br := bufio.NewReader(c)
	for range 2 {
		if _, err := c.Write([]byte("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || int64(len(body)) != resp.ContentLength || resp.Close {
			t.Fatalf("status %d, %d bytes of %d, close %v", resp.StatusCode, len(body), resp.ContentLength, resp.Close)
		}
	}
	c.Write([]byte("BREW /pot HTTP/1.1\r\nContent-Length: 9\r\n\r\n"))
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 400 || !resp.Close {
		t.Fatalf("a request with a body: %v, %+v", err, resp)
	}
	io.ReadAll(resp.Body)
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("the connection stayed open after a bad request: %v", err)
	}
}
