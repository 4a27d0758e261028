package export

import (
	"github.com/pidtop/pidtop/internal/collect"
)

// Row is one process a batch form prints, in the order printed.
type Row struct {
	Proc *collect.Process
	// Prefix is the tree guide drawn before the text form's command ("" outside
	// tree mode); JSON Lines and CSV carry the order alone.
	Prefix string
}

// SnapshotWriter writes the snapshots of one batch run in one form, each a
// whole unit (one JSON line, a run of CSV records, a text page) on its writer,
// which the caller buffers and flushes.
type SnapshotWriter interface {
	// WriteSnapshot writes s with the processes rows; s is one of the run's
	// snapshots in turn.
	WriteSnapshot(s *collect.Snapshot, rows []Row) error
}
