package winproc

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Details are what one listing cannot give about a process: read once per new
// process. A field whose Has bit is false could not be read (access denied for
// protected and system processes, or unsupported) and is unknown, not empty.
type Details struct {
	Cmdline string // the command line as the process was started
	Exe     string // full Win32 path of the image
	User    string // DOMAIN\user owning the process token (the SID string if unnamed)

	HasCmdline, HasExe, HasUser bool
	Denied                      int // how many fields access rights kept from us
}

// DetailReader reads Details, caching account names by SID and keeping its
// buffers between calls. It is not safe for concurrent use.
type DetailReader struct {
	users map[string]string // SID string -> DOMAIN\user
	cmd   []byte            // NtQueryInformationProcess output
	path  []uint16          // QueryFullProcessImageName output
	// noCmdlineClass: the system lacks ProcessCommandLineInformation (before
	// Windows 8.1, Wine), so command lines come from the process's PEB.
	noCmdlineClass bool
}

// Read opens process pid, checks that it is the one created at start (a FILETIME)
// and reads its details. It returns ErrGone or ErrReused when the process is not
// there any more; a refusal to open it at all gives empty Details with every field
// denied and no error.
func (d *DetailReader) Read(pid uint32, start uint64) (Details, error) {
	h, err := Open(pid, 0, start)
	switch {
	case errors.Is(err, ErrGone), errors.Is(err, ErrReused):
		return Details{}, err
	case err != nil:
		return Details{Denied: 3}, nil
	}
	defer windows.CloseHandle(h)
	var out Details
	out.Cmdline, out.HasCmdline = out.known(d.commandLine(h, pid, start))
	out.Exe, out.HasExe = out.known(d.image(h))
	out.User, out.HasUser = out.known(d.owner(h))
	return out, nil
}

// commandLine reads the command line through h, or from the PEB where the
// system lacks the information class.
func (d *DetailReader) commandLine(h windows.Handle, pid uint32, start uint64) (string, error) {
	if !d.noCmdlineClass {
		s, err := d.cmdline(h)
		if !errors.Is(err, windows.STATUS_INVALID_INFO_CLASS) && !errors.Is(err, windows.STATUS_NOT_IMPLEMENTED) {
			return s, err
		}
		d.noCmdlineClass = true
	}
	return cmdlineFromPEB(pid, start)
}

// known counts a denied read and reports whether v is known.
func (o *Details) known(v string, err error) (string, bool) {
	if err != nil {
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.STATUS_ACCESS_DENIED) {
			o.Denied++
		}
		return "", false
	}
	return v, true
}

// cmdline reads ProcessCommandLineInformation (Windows 8.1+): a UNICODE_STRING
// followed by its text, in one buffer.
func (d *DetailReader) cmdline(h windows.Handle) (string, error) {
	if len(d.cmd) == 0 {
		d.cmd = make([]byte, 4096)
	}
	for range 4 {
		var need uint32
		err := windows.NtQueryInformationProcess(h, windows.ProcessCommandLineInformation,
			unsafe.Pointer(&d.cmd[0]), uint32(len(d.cmd)), &need)
		switch {
		case err == nil:
			return (*windows.NTUnicodeString)(unsafe.Pointer(&d.cmd[0])).String(), nil
		case errors.Is(err, windows.STATUS_INFO_LENGTH_MISMATCH), errors.Is(err, windows.STATUS_BUFFER_TOO_SMALL),
			errors.Is(err, windows.STATUS_BUFFER_OVERFLOW):
			d.cmd = make([]byte, max(int(need), 2*len(d.cmd)))
		default:
			return "", fmt.Errorf("command line: %w", err)
		}
	}
	return "", fmt.Errorf("command line: buffer kept growing past %d bytes", len(d.cmd))
}

// image reads the full Win32 path of the process's image.
func (d *DetailReader) image(h windows.Handle) (string, error) {
	if len(d.path) == 0 {
		d.path = make([]uint16, windows.MAX_PATH)
	}
	for range 4 {
		n := uint32(len(d.path))
		err := windows.QueryFullProcessImageName(h, 0, &d.path[0], &n)
		switch {
		case err == nil:
			return windows.UTF16ToString(d.path[:n]), nil
		case errors.Is(err, windows.ERROR_INSUFFICIENT_BUFFER) && len(d.path) < windows.MAX_LONG_PATH:
			d.path = make([]uint16, min(4*len(d.path), windows.MAX_LONG_PATH))
		default:
			return "", fmt.Errorf("image path: %w", err)
		}
	}
	return "", fmt.Errorf("image path: longer than %d characters", len(d.path))
}

// owner names the user of the process's primary token, cached by SID.
func (d *DetailReader) owner(h windows.Handle) (string, error) {
	var tok windows.Token
	if err := windows.OpenProcessToken(h, windows.TOKEN_QUERY, &tok); err != nil {
		return "", fmt.Errorf("owner: %w", err)
	}
	defer tok.Close()
	tu, err := tok.GetTokenUser()
	if err != nil {
		return "", fmt.Errorf("owner: %w", err)
	}
	sid := tu.User.Sid.String()
	if name, ok := d.users[sid]; ok {
		return name, nil
	}
	name := sid
	if account, domain, _, err := tu.User.Sid.LookupAccount(""); err == nil {
		name = account
		if domain != "" {
			name = domain + `\` + account
		}
	}
	if d.users == nil {
		d.users = make(map[string]string)
	}
	d.users[sid] = name
	return name, nil
}
