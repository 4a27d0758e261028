// Package export encodes snapshots for machines rather than people, and for
// people reading batch output. It holds two families over the field registry:
//
//   - the batch forms pidtop -b prints, one snapshot at a time through a
//     SnapshotWriter: JSON Lines (jsonl.go), CSV (csv.go) and the top -b like
//     text (text.go, drawn by a Table the caller gives, the viewer's columns);
//   - the metrics exporter: the Prometheus text format (0.0.4) and
//     OpenMetrics 1.0, written by hand (see format.go), a per-group and top-K
//     metric design derived from the field registry (metrics.go), and the
//     HTTP server that collects once per scrape or per interval (server.go).
//
// It must not read /proc itself (the collector does), execute anything,
// import the viewer, or write a byte a process controls into its output
// without escaping it: escape.go for JSON and CSV, label.go for metric
// labels, the Table's sanitizer for text.
package export
