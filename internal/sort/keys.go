package sort

import (
	"fmt"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// Cmp compares two processes: negative when a sorts before b, zero when they
// tie, positive otherwise.
type Cmp func(a, b *collect.Process) int

// By returns the order of a field of the registry (by ID or alias) in its
// natural direction (field.Field.Descending), or the other way when reverse is
// set. Ties, and processes without a value on both sides, are ordered by
// ascending PID whatever the direction, so the order is total and stable
// across refreshes.
func By(name string, reverse bool) (Cmp, error) {
	f, ok := field.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown sort key %q (pidtop --sort-key help lists them)", name)
	}
	return f.Order(reverse, nil), nil
}
