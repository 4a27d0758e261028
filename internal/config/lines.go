package config

import (
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// positions maps the path of every key and array element in a document
// ("delay", "screens[1].columns[3]", "left_meters[0].name") to its line.
//
// toml.Unmarshal gives the values but no position once decoding succeeded;
// go-toml's unstable parser gives each node's byte range. The package is
// outside go-toml's compatibility promise, so go.mod pins the version and the
// tests check the lines of every kind of entry a problem can point at.
type positions map[string]int

// index walks a document toml.Unmarshal has accepted.
func index(data []byte) positions {
	ix := indexer{pos: positions{}, arrays: map[string]int{}}
	for i, c := range data {
		if c == '\n' {
			ix.newlines = append(ix.newlines, i)
		}
	}
	ix.p.Reset(data)
	for ix.p.NextExpression() {
		e := ix.p.Expression()
		switch e.Kind {
		case unstable.Table:
			parts := keyParts(e)
			path := ix.resolve(parts)
			ix.pos[path] = ix.line(e.Key(), 0)
			ix.table = path
		case unstable.ArrayTable:
			parts := keyParts(e)
			name := join(ix.resolve(parts[:len(parts)-1]), parts[len(parts)-1])
			n, seen := ix.arrays[name]
			if seen {
				n++
			}
			ix.arrays[name] = n
			ix.table = name + "[" + strconv.Itoa(n) + "]"
			ix.pos[ix.table] = ix.line(e.Key(), 0)
		case unstable.KeyValue:
			ix.keyValue(ix.table, e, 0)
		}
	}
	return ix.pos
}

type indexer struct {
	p        unstable.Parser
	pos      positions
	newlines []int          // offsets of '\n', to turn an offset into a line
	arrays   map[string]int // array-of-tables path → index of its last table
	table    string         // path of the table the next key belongs to
}

func (ix *indexer) keyValue(prefix string, kv *unstable.Node, depth int) {
	path := join(prefix, strings.Join(keyParts(kv), "."))
	line := ix.line(kv.Key(), 0)
	ix.pos[path] = line
	ix.value(path, kv.Value(), line, depth)
}

// maxDepth is how many levels of arrays, inline tables and dotted keys the
// index records: pidtop's deepest entry is left_meters[0].name. Deeper
// entries are unknown keys, reported at the line of their first levels; not
// indexing them keeps a pathological file from costing quadratic time.
const maxDepth = 4

// value records the elements of an array and the keys of an inline table.
func (ix *indexer) value(path string, n *unstable.Node, line, depth int) {
	if depth >= maxDepth {
		return
	}
	switch n.Kind {
	case unstable.Array:
		i := 0
		for it := n.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			elem := path + "[" + strconv.Itoa(i) + "]"
			l := ix.nodeLine(c, line)
			ix.pos[elem] = l
			ix.value(elem, c, l, depth+1)
			i++
		}
	case unstable.InlineTable:
		for it := n.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				ix.keyValue(path, c, depth+1)
			}
		}
	}
}

// resolve joins a table header's key parts, adding the index of the current
// element wherever a part names an array of tables: [screens.x] after the
// second [[screens]] is "screens[1].x".
func (ix *indexer) resolve(parts []string) string {
	path := ""
	for _, part := range parts {
		path = join(path, part)
		if n, ok := ix.arrays[path]; ok {
			path += "[" + strconv.Itoa(n) + "]"
		}
	}
	return path
}

// line is the line of the first node of it, or fallback when it has none.
func (ix *indexer) line(it unstable.Iterator, fallback int) int {
	if it.Next() {
		return ix.nodeLine(it.Node(), fallback)
	}
	return fallback
}

// nodeLine is n's line. Containers have no range of their own (go-toml
// records none for an array), so they take fallback.
func (ix *indexer) nodeLine(n *unstable.Node, fallback int) int {
	if n.Raw.Length == 0 && n.Raw.Offset == 0 {
		return fallback
	}
	return 1 + sort.SearchInts(ix.newlines, int(n.Raw.Offset))
}

// keyParts are the first maxDepth parts of n's dotted key.
func keyParts(n *unstable.Node) []string {
	var parts []string
	for it := n.Key(); it.Next() && len(parts) < maxDepth; {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// line is the line of path, or of the nearest enclosing entry that has one:
// a problem in an element the index did not record still points near it.
func (p positions) line(path string) int {
	for path != "" {
		if l, ok := p[path]; ok {
			return l
		}
		i := max(strings.LastIndexByte(path, '.'), strings.LastIndexByte(path, '['))
		if i < 0 {
			return 0
		}
		path = path[:i]
	}
	return 0
}
