package winproc

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// NativeArch is the layout of this build's own system buffers.
const NativeArch = Arch(unsafe.Sizeof(uintptr(0)))

// querySystem fills buf by NtQuerySystemInformation(class), growing it while the
// system says it is too small. It returns the buffer (perhaps a new one) and the
// length the system wrote.
func querySystem(class int32, buf []byte, minSize int) ([]byte, int, error) {
	if len(buf) < minSize {
		buf = make([]byte, minSize)
	}
	for range 16 {
		var need uint32
		err := windows.NtQuerySystemInformation(class, unsafe.Pointer(&buf[0]), uint32(len(buf)), &need)
		switch {
		case err == nil:
			if need == 0 || int(need) > len(buf) {
				need = uint32(len(buf))
			}
			return buf, int(need), nil
		case errors.Is(err, windows.STATUS_INFO_LENGTH_MISMATCH), errors.Is(err, windows.STATUS_BUFFER_TOO_SMALL):
			// Processes may start between the two calls: ask for a margin.
			n := max(int(need)+int(need)/8+64<<10, 2*len(buf))
			buf = make([]byte, n)
		default:
			return buf, 0, fmt.Errorf("NtQuerySystemInformation(%d): %w", class, err)
		}
	}
	return buf, 0, fmt.Errorf("NtQuerySystemInformation(%d): the buffer kept growing past %d bytes", class, len(buf))
}

// Reader lists every process with one NtQuerySystemInformation(SystemProcessInformation)
// call per Read into a buffer kept across reads. It is not safe for concurrent use.
type Reader struct {
	buf   []byte
	table Table
}

// Read takes one listing. With threads, the table also keeps every thread. The
// table and the names in it are valid until the next Read. Under Wine, whose
// BasePriority is a class index, BasePriority is translated to Windows' meaning;
// see SystemFidelity for the fields Wine leaves at zero.
func (r *Reader) Read(threads bool) (*Table, error) {
	buf, n, err := querySystem(windows.SystemProcessInformation, r.buf, 256<<10)
	r.buf = buf
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	base := uint64(uintptr(unsafe.Pointer(&buf[0])))
	if err := Decode(buf[:n], base, NativeArch, threads, &r.table); err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	if SystemFidelity().Wine != "" {
		for i := range r.table.Procs {
			p := &r.table.Procs[i]
			p.BasePriority = wineBasePriority(p.BasePriority)
		}
	}
	return &r.table, nil
}
