//go:build !linux

package collect

// ReadOpenFiles has no reader on this operating system.
func ReadOpenFiles(ID) (OpenFiles, error) { return OpenFiles{}, ErrNoView }

// ReadLocks has no reader on this operating system.
func ReadLocks(ID) (FileLocks, error) { return FileLocks{}, ErrNoView }

// ReadActivity has no reader on this operating system.
func ReadActivity(ID) (Activity, error) { return Activity{}, ErrNoView }
