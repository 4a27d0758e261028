package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/pidtop/pidtop/internal/export/exporttest"
)

// A real Prometheus (Debian's package) scrapes a real pidtop --listen, both on
// 127.0.0.1: a spawned process group's CPU and memory reach Prometheus with
// the right labels, and promtool passes a scrape.
func TestE2EPrometheus(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Prometheus and pidtop --listen")
	}
	prom, err := exec.LookPath("prometheus")
	if err != nil {
		t.Skip("prometheus is not installed (apt-get install prometheus; .ci/run installs it)")
	}
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed (it comes with Debian's prometheus package)")
	}
	bin := buildBinary(t, ".", "pidtop")
	name := fmt.Sprintf("pxe%d", os.Getpid()%100000)
	exporttest.SpawnGroup(t, name, 3)

	// pidtop on a port of the kernel's choosing; it says which on stderr.
	pidtop := exec.Command(bin, "--no-config", "--listen", "127.0.0.1:0", "-d", "1")
	stderr, err := pidtop.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	stopByPID(t, pidtop)
	line, err := bufio.NewReader(stderr).ReadString('\n')
	if err != nil {
		t.Fatalf("pidtop --listen said nothing: %v", err)
	}
	m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/metrics`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("pidtop --listen: %q", line)
	}
	target := m[1]
	go io.Copy(io.Discard, stderr)

	dir := t.TempDir()
	promAddr := freePort(t)
	// A scrape reads every process: about a second at 20,000 processes on a
	// busy 2-core machine whose open-file limit keeps few descriptors, so the
	// timeout (at most the interval) leaves room for that.
	cfg := fmt.Sprintf("global:\n  scrape_interval: 3s\n  scrape_timeout: 3s\n"+
		"scrape_configs:\n  - job_name: pidtop\n    static_configs:\n      - targets: ['%s']\n", target)
	cfgPath := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	var promLog bytes.Buffer
	p := exec.Command(prom, "--config.file="+cfgPath, "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr, "--log.level=warn")
	p.Stdout, p.Stderr = &promLog, &promLog
	stopByPID(t, p)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("prometheus log:\n%s", promLog.String())
		}
	})

	// Two scrapes, both up; then the group's figures as Prometheus stored them.
	api := "http://" + promAddr + "/api/v1/query?query="
	waitQuery(t, api, `count_over_time(up{job="pidtop"}[5m]) >= 2 and on() min_over_time(up{job="pidtop"}[5m]) == 1`, nil)
	for _, q := range []struct {
		query string
		ok    func(float64) bool
	}{
		{`pidtop_group_processes{group="` + name + `"}`, func(v float64) bool { return v == 3 }},
		{`pidtop_group_cpu_seconds_total{group="` + name + `",mode="user"}`, func(v float64) bool { return v > 0 }},
		{`pidtop_group_resident_memory_bytes{group="` + name + `"}`, func(v float64) bool { return v >= 3*4096 }},
	} {
		labels := waitQuery(t, api, q.query, q.ok)
		if labels["job"] != "pidtop" || labels["instance"] != target || labels["group"] != name {
			t.Errorf("%s: labels %v", q.query, labels)
		}
	}

	// Prometheus asked for OpenMetrics (its scrapes' Accept header, as 2.x
	// sends it), so what it stored came through its OpenMetrics parser.
	req, _ := http.NewRequest("GET", "http://"+target+"/metrics", nil)
	req.Header.Set("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.Header.Get("Content-Type") != "application/openmetrics-text; version=1.0.0; charset=utf-8" {
		t.Errorf("a Prometheus scrape is answered with %q", resp.Header.Get("Content-Type"))
	}

	// promtool's own check of a scrape (the text format it reads).
	resp, err := http.Get("http://" + target + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	scrape, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	check := exec.Command(promtool, "check", "metrics")
	check.Stdin = bytes.NewReader(scrape)
	if out, err := check.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
	t.Logf("a scrape: %d bytes, %d lines", len(scrape), bytes.Count(scrape, []byte("\n")))
}

// waitQuery polls Prometheus' instant query API until query returns a sample
// whose value satisfies ok (any sample, with ok nil), and returns its labels.
func waitQuery(t *testing.T, api, query string, ok func(float64) bool) map[string]string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var last string
	for {
		resp, err := http.Get(api + url.QueryEscape(query))
		if err == nil {
			var r struct {
				Status string
				Data   struct {
					Result []struct {
						Metric map[string]string
						Value  [2]any
					}
				}
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			last = string(body)
			if json.Unmarshal(body, &r) == nil && r.Status == "success" {
				for _, s := range r.Data.Result {
					str, _ := s.Value[1].(string)
					v, err := strconv.ParseFloat(str, 64)
					if err == nil && (ok == nil || ok(v)) {
						return s.Metric
					}
				}
			}
		} else {
			last = err.Error()
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no satisfying answer in 60 s; last: %s", query, last)
		}
		time.Sleep(200 * time.Millisecond) // a poll interval, not a wait for an event
	}
}

// freePort returns a 127.0.0.1 address no one listened on a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// stopByPID starts cmd and, when the test ends, sends its PID SIGTERM (SIGKILL
// after 10 s) and reaps it.
func stopByPID(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
}
