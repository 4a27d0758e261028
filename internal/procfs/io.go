package procfs

import "fmt"

// IO is /proc/PID/io, the I/O statistics of a process, see proc_pid_io(5). Reading
// it needs the ptrace access mode PTRACE_MODE_READ_FSCREDS (another user's process
// gives EACCES). All counts are whole-life totals.
type IO struct {
	RChar uint64 // characters read: bytes passed to read(2) and similar, from storage or not
	WChar uint64 // characters written: bytes passed to write(2) and similar
	SyscR uint64 // read syscalls: read(2), pread(2) and similar
	SyscW uint64 // write syscalls: write(2), pwrite(2) and similar
	// ReadBytes is the number of bytes this process really caused to be fetched
	// from the storage layer (block-backed filesystems).
	ReadBytes uint64
	// WriteBytes is the number of bytes this process caused to be sent to the
	// storage layer, counted at page-dirtying time.
	WriteBytes uint64
	// CancelledWriteBytes is written bytes this process caused not to happen, by
	// truncating pagecache (a file deleted before its dirty pages were written).
	CancelledWriteBytes uint64
}

// ParseIO parses the contents of /proc/PID/io into io without allocating. Every
// one of the seven lines must be present; unknown lines are ignored.
func ParseIO(b []byte, io *IO) error {
	seen, ok := scanKV(b, io.field, parseUintValue)
	if !ok || seen != 1<<7-1 {
		return fmt.Errorf("io: %w", ErrMalformed)
	}
	return nil
}

// field maps a line's key to its field and a bit of its own.
func (io *IO) field(key []byte) (*uint64, int) {
	switch string(key) {
	case "rchar":
		return &io.RChar, 1
	case "wchar":
		return &io.WChar, 2
	case "syscr":
		return &io.SyscR, 4
	case "syscw":
		return &io.SyscW, 8
	case "read_bytes":
		return &io.ReadBytes, 16
	case "write_bytes":
		return &io.WriteBytes, 32
	case "cancelled_write_bytes":
		return &io.CancelledWriteBytes, 64
	}
	return nil, 0
}
