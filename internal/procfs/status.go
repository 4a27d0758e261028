package procfs

import "fmt"

// Status is /proc/PID/status (and /proc/PID/task/TID/status), see
// proc_pid_status(5). Memory sizes are converted from the file's kB to bytes.
type Status struct {
	// Name is the command run by this process (the kernel escapes '\n' and '\\'
	// in it; they are unescaped here). Like stat's comm it is truncated by the
	// kernel, to 15 bytes for user processes and 63 for kernel workers.
	Name      string
	State     byte      // current state of the process: the letter of "R (running)" etc.
	Tgid      int32     // thread group ID (i.e., process ID)
	Pid       int32     // thread ID (see gettid(2))
	PPid      int32     // PID of parent process
	TracerPid int32     // PID of process tracing this process (0 if not being traced)
	Uid       [4]uint32 // real, effective, saved set, and filesystem UIDs
	Gid       [4]uint32 // real, effective, saved set, and filesystem GIDs

	// The memory fields are absent for kernel threads and zombies (no mm); Has
	// reports which ones the file held.
	VmPeak   uint64 // peak virtual memory size, bytes
	VmSize   uint64 // virtual memory size, bytes
	VmLck    uint64 // locked memory size (see mlock(2)), bytes
	VmHWM    uint64 // peak resident set size ("high water mark"), bytes
	VmRSS    uint64 // resident set size: RssAnon + RssFile + RssShmem, bytes
	RssAnon  uint64 // size of resident anonymous memory, bytes (since Linux 4.5)
	RssFile  uint64 // size of resident file mappings, bytes (since Linux 4.5)
	RssShmem uint64 // size of resident shared memory (SysV shm, tmpfs, shared anonymous), bytes (since Linux 4.5)
	VmData   uint64 // size of data segment, bytes
	VmStk    uint64 // size of stack segment, bytes
	VmExe    uint64 // size of text segment, bytes
	VmLib    uint64 // shared library code size, bytes
	VmSwap   uint64 // swapped-out virtual memory size by anonymous private pages, bytes (since Linux 2.6.34)

	Threads                  int32  // number of threads in process containing this thread
	VoluntaryCtxtSwitches    uint64 // number of voluntary context switches
	NonvoluntaryCtxtSwitches uint64 // number of involuntary context switches

	Known StatusField // which optional fields the file held
}

// StatusField names the optional fields of Status, one bit each.
type StatusField uint32

// The StatusField bits.
const (
	StatusVmPeak StatusField = 1 << iota
	StatusVmSize
	StatusVmLck
	StatusVmHWM
	StatusVmRSS
	StatusRssAnon
	StatusRssFile
	StatusRssShmem
	StatusVmData
	StatusVmStk
	StatusVmExe
	StatusVmLib
	StatusVmSwap
	StatusCtxtSwitches // both context switch counters
)

// Has reports whether every field in f was present in the file.
func (s *Status) Has(f StatusField) bool { return s.Known&f == f }

// The lines every status file has; a file missing one is truncated or not status.
const (
	seenName = 1 << iota
	seenState
	seenTgid
	seenPid
	seenPPid
	seenTracerPid
	seenUid
	seenGid
	seenThreads
	seenAll = 1<<iota - 1
)

// ParseStatus parses the contents of /proc/PID/status into s. It allocates only
// when the Name differs from the one already in s, so a reused Status costs
// nothing per call for a process whose name did not change.
func ParseStatus(b []byte, s *Status) error {
	*s = Status{Name: s.Name}
	seen, ctxt, ok := 0, 0, true
	for kv := (kvScanner{b: b}); ok && kv.next(); {
		if p, bit := s.memField(kv.key); p != nil {
			*p, ok = parseKB(kv.val)
			s.Known |= bit
			continue
		}
		if p, bit := s.intField(kv.key); p != nil {
			*p, ok = parseI32(kv.val)
			seen |= bit
			continue
		}
		switch string(kv.key) {
		case "Name":
			seen |= seenName
			s.setName(kv.val)
		case "State":
			seen |= seenState
			s.State, ok = parseState(kv.val)
		case "Uid":
			seen |= seenUid
			ok = parseIDs(kv.val, &s.Uid)
		case "Gid":
			seen |= seenGid
			ok = parseIDs(kv.val, &s.Gid)
		case "voluntary_ctxt_switches":
			ctxt |= 1
			s.VoluntaryCtxtSwitches, ok = parseUintValue(kv.val)
		case "nonvoluntary_ctxt_switches":
			ctxt |= 2
			s.NonvoluntaryCtxtSwitches, ok = parseUintValue(kv.val)
		}
	}
	if ctxt == 3 {
		s.Known |= StatusCtxtSwitches
	}
	if !ok {
		return fmt.Errorf("status: bad value: %w", ErrMalformed)
	}
	if seen != seenAll {
		return fmt.Errorf("status: missing lines: %w", ErrMalformed)
	}
	return nil
}

// intField maps the key of an int32 line to its field and seen bit.
func (s *Status) intField(key []byte) (*int32, int) {
	switch string(key) {
	case "Tgid":
		return &s.Tgid, seenTgid
	case "Pid":
		return &s.Pid, seenPid
	case "PPid":
		return &s.PPid, seenPPid
	case "TracerPid":
		return &s.TracerPid, seenTracerPid
	case "Threads":
		return &s.Threads, seenThreads
	}
	return nil, 0
}

// memField maps a memory line's key to its field and Known bit.
func (s *Status) memField(key []byte) (*uint64, StatusField) {
	switch string(key) {
	case "VmPeak":
		return &s.VmPeak, StatusVmPeak
	case "VmSize":
		return &s.VmSize, StatusVmSize
	case "VmLck":
		return &s.VmLck, StatusVmLck
	case "VmHWM":
		return &s.VmHWM, StatusVmHWM
	case "VmRSS":
		return &s.VmRSS, StatusVmRSS
	case "RssAnon":
		return &s.RssAnon, StatusRssAnon
	case "RssFile":
		return &s.RssFile, StatusRssFile
	case "RssShmem":
		return &s.RssShmem, StatusRssShmem
	case "VmData":
		return &s.VmData, StatusVmData
	case "VmStk":
		return &s.VmStk, StatusVmStk
	case "VmExe":
		return &s.VmExe, StatusVmExe
	case "VmLib":
		return &s.VmLib, StatusVmLib
	case "VmSwap":
		return &s.VmSwap, StatusVmSwap
	}
	return nil, 0
}

// setName sets s.Name from the escaped value of the Name line, keeping the old
// string (no allocation) when it is unchanged.
func (s *Status) setName(rest []byte) {
	if len(rest) > 0 && rest[0] == '\t' {
		rest = rest[1:]
	}
	var buf [2 * CommMax]byte
	n := 0
	for i := 0; i < len(rest) && n < len(buf); i++ {
		c := rest[i]
		if c == '\\' && i+1 < len(rest) {
			switch rest[i+1] {
			case 'n':
				c, i = '\n', i+1
			case '\\':
				i++
			}
		}
		buf[n] = c
		n++
	}
	if string(buf[:n]) != s.Name {
		s.Name = string(buf[:n])
	}
}

// parseState takes the state letter from a value like "\tS (sleeping)".
func parseState(rest []byte) (byte, bool) {
	sc := fieldScanner{b: rest}
	f := sc.next()
	if len(f) != 1 {
		return 0, false
	}
	return f[0], true
}

// parseIDs parses the four tab-separated IDs of the Uid and Gid lines.
func parseIDs(rest []byte, ids *[4]uint32) bool {
	sc := fieldScanner{b: rest}
	for i := range ids {
		v, ok := parseUint(sc.next())
		if !ok || v > 1<<32-1 {
			return false
		}
		ids[i] = uint32(v)
	}
	return sc.next() == nil
}
