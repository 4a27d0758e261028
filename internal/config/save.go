package config

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

var (
	// ErrChangedOnDisk is returned by Save when the file is not what Load
	// read (edited, replaced, created or removed since): the user's version
	// wins and the settings of this run are not saved.
	ErrChangedOnDisk = errors.New("settings not saved: the config file changed on disk since pidtop read it")
	// ErrNotParsed is returned by Save for a file Load could not use (a syntax
	// error, a directory, unreadable): pidtop never writes over it.
	ErrNotParsed = errors.New("settings not saved: the config file could not be read or parsed")
)

// File is the config file as Load found it: what Save needs to know whether
// writing is safe and whether it is needed. Only Load makes one.
type File struct {
	// mu serializes Saves: the viewer saves on a setup change and its signal
	// handler on SIGTERM, possibly at once.
	mu     sync.Mutex
	path   string
	loaded []byte // the settings last loaded or saved, encoded: Save skips an equal write
	raw    []byte // the file's bytes as last read or written; they decode to loaded's settings
	exists bool
	frozen bool        // never write: the file did not parse or could not be read
	mode   fs.FileMode // permissions to keep
	stamp  stamp       // the file as read or last written
}

// stamp identifies one version of the file. Size and mtime alone can miss an
// edit within the file system's timestamp granularity; the hash cannot.
type stamp struct {
	size  int64
	mtime time.Time
	sum   uint64
}

// seed keys the content hash. maphash, not crypto/sha256: the hash guards
// against accidents, not attackers (a random per-process seed leaves no
// collision to aim at), and sha256 links the FIPS module, 200 KB of binary.
var seed = maphash.MakeSeed()

func sum(data []byte) uint64 { return maphash.Bytes(seed, data) }

// Path is the file's path as given to Load.
func (f *File) Path() string { return f.path }

// rename is os.Rename, replaced in tests to make the last step fail.
var rename = os.Rename

// Save writes s to the file unless that would lose something: it returns
// ErrNotParsed for a file Load could not use and ErrChangedOnDisk for a file
// changed since Load or the last Save. Settings equal to those loaded or last
// saved write nothing. The write is atomic: a temporary file in the same
// directory, synced, renamed over the file, and the directory synced; a
// missing directory is created (0700). The file keeps its mode, or is 0600.
// It is safe to call from several goroutines.
func (f *File) Save(s Settings) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.frozen {
		return fmt.Errorf("%s: %w", f.path, ErrNotParsed)
	}
	enc := encode(s)
	if bytes.Equal(enc, f.loaded) {
		return nil
	}
	data := enc
	if f.exists && !bytes.Equal(f.raw, f.loaded) {
		// The user wrote or edited this file: change only what changed, so
		// their comments, order and unknown keys stay.
		// The settings raw holds, decoded afresh from their encoding: the
		// caller's Settings may share slices with those Load returned.
		if old, _, ok := parse(f.path, f.loaded); ok {
			if p, ok := patch(f.raw, old, s); ok {
				data = p
			}
		}
	}
	target := f.path
	if f.exists {
		// A symlink (dotfiles kept elsewhere) stays a symlink: write its target.
		if real, err := filepath.EvalSymlinks(f.path); err == nil {
			target = real
		}
	}
	if err := f.unchanged(target); err != nil {
		return err
	}
	mode := f.mode
	if !f.exists {
		mode = 0o600
	}
	info, err := writeAtomic(target, data, mode)
	if err != nil {
		return err
	}
	f.loaded, f.raw, f.exists, f.mode = enc, data, true, mode
	f.stamp = stamp{size: info.Size(), mtime: info.ModTime(), sum: sum(data)}
	return nil
}

// unchanged reports ErrChangedOnDisk unless target is the file f last saw.
func (f *File) unchanged(target string) error {
	changed := fmt.Errorf("%s: %w", f.path, ErrChangedOnDisk)
	if !f.exists {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return changed // created since, or unreachable: leave it be
	}
	data, info, err := readFile(target)
	if err != nil {
		return changed
	}
	now := stamp{size: info.Size(), mtime: info.ModTime(), sum: sum(data)}
	if now.size != f.stamp.size || !now.mtime.Equal(f.stamp.mtime) || now.sum != f.stamp.sum {
		return changed
	}
	return nil
}

// writeAtomic replaces target with data, leaving no temporary file behind on
// any error. It returns the new file's info.
func writeAtomic(target string, data []byte, mode fs.FileMode) (info fs.FileInfo, err error) {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	if err = rename(tmp.Name(), target); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	// The rename is durable only once the directory is synced. The new file
	// is in place either way, so a failure here is not reported as one.
	syncDir(dir)
	if info, err = os.Stat(target); err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	return info, nil
}

// syncDir makes a rename in dir durable. Windows cannot open a directory
// for syncing; its renames are journaled by NTFS.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
