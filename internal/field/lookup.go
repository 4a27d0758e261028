package field

import (
	"fmt"
	"github.com/pidtop/pidtop/internal/collect"
	"slices"
	"strings"
)

// byName maps every ID and alias, lower-cased, to its field.
var byName = func() map[string]*Field {
	m := make(map[string]*Field, 3*len(fields))
	for i := range fields {
		f := &fields[i]
		for _, n := range f.Names() {
			m[strings.ToLower(n)] = f
		}
	}
	return m
}()

// Names returns the field's ID, htop name and aliases.
func (f *Field) Names() []string {
	n := []string{f.ID}
	if f.Htop != "" && !strings.EqualFold(f.Htop, f.ID) {
		n = append(n, f.Htop)
	}
	return append(n, f.Aliases...)
}

// AllFields returns every field in registry order. The fields are shared: do not
// change them.
func AllFields() []*Field {
	out := make([]*Field, len(fields))
	for i := range fields {
		out[i] = &fields[i]
	}
	return out
}

// Lookup returns the field with the ID or alias name, in any case.
func Lookup(name string) (*Field, bool) {
	f, ok := byName[strings.ToLower(strings.TrimSpace(name))]
	return f, ok
}

// UnknownError is the error of a name no field has.
type UnknownError struct{ Name string }

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown field %q (pidtop --fields help lists them)", e.Name)
}

// Parse resolves a comma-separated list of names ("pid,PPID,ELAPSED") to fields,
// in the order given, each once.
func Parse(list string) ([]*Field, error) {
	var out []*Field
	for _, name := range strings.Split(list, ",") {
		if strings.TrimSpace(name) == "" {
			continue
		}
		f, ok := Lookup(name)
		if !ok {
			return nil, &UnknownError{Name: strings.TrimSpace(name)}
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no fields in %q", list)
	}
	return out, nil
}

// IDs returns the IDs of fs.
func IDs(fs []*Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

// Needs is the union of what fs need read for every process.
func Needs(fs []*Field) (n collect.Needs) {
	for _, f := range fs {
		n |= f.Needs
	}
	return n
}

// ShowNeeds is what the collector reads to show fs sorted by sort (nil: none),
// for the viewer and batch mode alike: the fields' needs, the command line
// (filters and searches match it), and the sort's, which may ask for every
// process's figures every tick. shownOnly: the feed reads statm for the rows
// on screen alone, so the columns ask for that (NeedShrShown); a sort that
// needs statm still reads it for every process.
func ShowNeeds(fs []*Field, sort *Field, shownOnly bool) collect.Needs {
	n := collect.NeedCmdline | Needs(fs)
	if shownOnly && n&collect.NeedShr != 0 {
		n = n&^collect.NeedShr | collect.NeedShrShown
	}
	if sort != nil {
		n |= sort.SortNeeds()
	}
	return n
}
