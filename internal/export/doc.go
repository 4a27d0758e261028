// Package export encodes snapshots for machines rather than people. For now
// it holds the metrics exporter: the Prometheus text format (0.0.4) and
// OpenMetrics 1.0, written by hand (see format.go), a per-group and top-K
// metric design derived from the field registry (metrics.go), and the HTTP
// server that collects once per scrape or per interval (server.go).
//
// It must not read /proc itself (the collector does), execute anything, or
// write a byte a process controls into its output without label.go's
// escaping.
package export
