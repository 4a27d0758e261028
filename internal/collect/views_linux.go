package collect

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// ReadEnviron reads /proc/PID/environ: the environment as the process's memory
// holds it now. Another user's process's is unreadable without privilege.
func ReadEnviron(id ID) ([]string, error) {
	d, err := openProc("/proc", id)
	if err != nil {
		return nil, err
	}
	defer d.close()
	b, err := d.read("environ")
	if errors.Is(err, unix.ESRCH) && d.alive() {
		return nil, nil // no memory: a kernel thread or a zombie
	}
	if err != nil {
		return nil, exited(err)
	}
	return procfs.ParseEnviron(b), nil
}

// ReadOpenFiles reads the process's descriptors (fd, fdinfo), resolves its
// sockets in its own network namespace (/proc/PID/net/…), and lists its
// memory-mapped files (maps).
func ReadOpenFiles(id ID) (OpenFiles, error) {
	d, err := openProc("/proc", id)
	if err != nil {
		return OpenFiles{}, err
	}
	defer d.close()
	var of OpenFiles
	problem := func(what string, err error) { of.Problems = append(of.Problems, what+": "+errText(err)) }
	fds, err := d.numbers("fd")
	if err != nil {
		return of, exited(err)
	}
	of.Cwd, _ = d.readlink("cwd")
	of.Root, _ = d.readlink("root")
	of.Exe, _ = d.readlink("exe")
	var socks *sockets
	for _, fd := range fds {
		f, err := d.openFile(fd)
		switch {
		case errors.Is(err, unix.ENOENT):
			continue // closed since the listing
		case errors.Is(err, unix.ESRCH):
			return of, ErrExited
		case err != nil:
			f.Unreadable = errText(err) // the kernel may refuse one and not the rest
		}
		if f.Kind == KindSocket {
			if socks == nil {
				socks = d.readSockets(problem)
			}
			f.Socket = socks.find(f.Target)
		}
		of.Files = append(of.Files, f)
	}
	if b, err := d.read("maps"); err != nil {
		if errors.Is(err, unix.ESRCH) {
			return of, ErrExited
		}
		problem("maps", err)
	} else {
		of.Mapped = mappedFiles(procfs.ParseMaps(b))
	}
	return of, nil
}

// openFile reads one descriptor: its link, its kind and its fdinfo.
func (d *procDir) openFile(fd int) (OpenFile, error) {
	name := strconv.Itoa(fd)
	f := OpenFile{FD: fd, Offset: -1}
	var err error
	if f.Target, err = d.readlink("fd/" + name); err != nil {
		return f, err
	}
	f.Kind = kindOf(f.Target)
	if f.Kind == KindUnknown {
		f.Kind = KindOther
		if st, err := d.stat("fd/" + name); err == nil {
			f.Kind = kindOfMode(st.Mode)
		}
	}
	if b, err := d.read("fdinfo/" + name); err == nil {
		if fi, err := procfs.ParseFDInfo(b); err == nil {
			f.Access = [...]Access{AccessRead, AccessWrite, AccessReadWrite, AccessUnknown}[fi.Access()]
			f.Offset = fi.Pos
		}
	}
	return f, nil
}

// kindOf tells the kind from the link's target where the kernel names it.
func kindOf(target string) FileKind {
	switch {
	case strings.HasPrefix(target, "socket:["):
		return KindSocket
	case strings.HasPrefix(target, "pipe:["):
		return KindPipe
	case strings.HasPrefix(target, "anon_inode:"):
		return KindAnon
	case strings.HasPrefix(target, "/"):
		return KindUnknown // a path: its mode says
	}
	return KindOther
}

func kindOfMode(mode uint32) FileKind {
	switch mode & unix.S_IFMT {
	case unix.S_IFREG:
		return KindRegular
	case unix.S_IFDIR:
		return KindDir
	case unix.S_IFCHR:
		return KindChar
	case unix.S_IFBLK:
		return KindBlock
	case unix.S_IFIFO:
		return KindFIFO
	case unix.S_IFSOCK:
		return KindSocket
	}
	return KindOther
}

// mappedFiles lists each mapped file once, in address order, with the address
// space all its mappings cover.
func mappedFiles(maps []procfs.Mapping) []MappedFile {
	var out []MappedFile
	at := map[string]int{}
	for _, m := range maps {
		if i, ok := at[m.Path]; ok {
			out[i].Bytes += m.End - m.Start
			continue
		}
		at[m.Path] = len(out)
		out = append(out, MappedFile{Path: m.Path, Perms: m.Perms, Bytes: m.End - m.Start})
	}
	return out
}
