package export

import (
	"fmt"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
	"github.com/pidtop/pidtop/internal/ui/uitest"
)

// benchRows is a snapshot of 5,000 processes with the JSON fields, as the
// encoders see it after the sort.
func benchRows() (*collect.Snapshot, []Row) {
	procs := make([]collect.Process, 5000)
	for i := range procs {
		procs[i] = uitest.Proc(int32(i+1), 1, "user", fmt.Sprintf("/usr/bin/worker --id %d --queue jobs", i))
	}
	s := uitest.Snapshot(procs...)
	rows := make([]Row, len(procs))
	for i := range procs {
		rows[i] = Row{Proc: &s.Procs[i]}
	}
	return s, rows
}

// The cost of encoding one snapshot of 5,000 processes, by form.
func BenchmarkEncode(b *testing.B) {
	s, rows := benchRows()
	fs := JSONFields()
	var buf []byte
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			buf = appendJSON(buf[:0], s, rows, fs)
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("csv", func(b *testing.B) {
		e := field.EnvOf(s)
		for b.Loop() {
			buf = appendCSVHeader(buf[:0], fs)
			for _, r := range rows {
				buf = appendCSVRow(buf, r.Proc, fs, e)
			}
		}
		b.SetBytes(int64(len(buf)))
	})
}
