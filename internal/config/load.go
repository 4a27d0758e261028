package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// maxSize bounds what Load reads: a settings file is a few kilobytes, and a
// path pointing at something huge must not stall the start.
const maxSize = 1 << 20

// maxEntries bounds the key/value pairs parse accepts, counted as '=' signs
// (an overcount: '=' in strings and comments count too). pidtop writes about
// 80; go-toml checks each new key against the others of its table one by
// one, so a megabyte of keys would take seconds.
const maxEntries = 5000

// Problem is one thing wrong with the config file: a bad entry (which took
// its default) or a file that could not be used at all (defaults throughout).
type Problem struct {
	File string // the path given to Load
	Line int    // 1-based; 0 when the problem is the whole file
	Msg  string
}

// Error is "file:line: msg", with the home directory shown as ~.
func (p Problem) Error() string {
	name := p.File
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if rest, ok := strings.CutPrefix(name, home+string(filepath.Separator)); ok {
			name = "~" + string(filepath.Separator) + rest
		}
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", name, p.Line, p.Msg)
	}
	return name + ": " + p.Msg
}

// Load reads the settings at path over the defaults. It never fails: a
// missing file (or directory) is the defaults with no problem; anything else
// wrong is reported as problems, in line order, each bad entry taking its
// default. The File remembers what was read, for Save.
func Load(path string) (Settings, *File, []Problem) {
	f := &File{path: path, loaded: encode(Defaults())}
	data, info, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), f, nil
	}
	if err != nil {
		f.frozen = true
		return Defaults(), f, []Problem{{File: path, Msg: err.Error() + "; using defaults, and pidtop will not write over it"}}
	}
	f.exists = true
	f.mode = info.Mode().Perm()
	f.stamp = stamp{size: info.Size(), mtime: info.ModTime(), sum: sum(data)}
	s, probs, ok := parse(path, data)
	if !ok {
		f.frozen = true
		return s, f, probs
	}
	f.loaded, f.raw = encode(s), data
	return s, f, probs
}

// bom is the byte order mark some Windows editors put first; TOML has none.
var bom = []byte("\uFEFF")

// parse decodes data over the defaults. ok is false when data is not TOML at
// all: then the result is the defaults and the one problem is the syntax.
func parse(file string, data []byte) (s Settings, probs []Problem, ok bool) {
	data = bytes.TrimPrefix(data, bom)
	if n := bytes.Count(data, []byte("=")); n > maxEntries {
		return Defaults(), []Problem{{File: file, Msg: fmt.Sprintf("has %d '=' signs, more than the %d entries a settings file may have; using defaults, and pidtop will not write over it", n, maxEntries)}}, false
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		p := Problem{File: file, Msg: err.Error()}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			p.Line, _ = de.Position()
			p.Msg = strings.TrimPrefix(de.Error(), "toml: ")
		}
		p.Msg = "syntax error: " + p.Msg + " (using defaults; pidtop will not write over this file until it parses)"
		return Defaults(), []Problem{p}, false
	}
	d := decoder{file: file, pos: index(data)}
	s = d.settings(doc)
	slices.SortStableFunc(d.probs, func(a, b Problem) int { return a.Line - b.Line })
	return s, d.probs, true
}

// readFile reads a regular file of at most maxSize bytes. It opens without
// blocking, so a FIFO at path is refused instead of waiting for a writer.
func readFile(path string) ([]byte, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, reason(err)
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, nil, reason(err)
	case info.IsDir():
		return nil, nil, errors.New("is a directory, not a settings file")
	case !info.Mode().IsRegular():
		return nil, nil, fmt.Errorf("is %s, not a regular file", kind(info.Mode()))
	case info.Size() > maxSize:
		return nil, nil, fmt.Errorf("is %d bytes, over the 1 MiB limit for a settings file", info.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, nil, reason(err)
	}
	if len(data) > maxSize { // it grew since Stat
		return nil, nil, errors.New("is over the 1 MiB limit for a settings file")
	}
	return data, info, nil
}

// reason drops the path from an *fs.PathError: Problem.Error puts it first.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot read it: %w", pe.Err)
	}
	return fmt.Errorf("cannot read it: %w", err)
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
