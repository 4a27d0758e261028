package collect

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"github.com/pidtop/pidtop/internal/procfs"
)

// sockets are the sockets of one network namespace, by inode.
type sockets map[uint64]*Socket

// readSockets reads the process's namespace's socket tables. A table that does
// not exist (no IPv6) is passed over; one that cannot be read is a problem.
func (d *procDir) readSockets(problem func(string, error)) *sockets {
	s := sockets{}
	for _, proto := range []string{"tcp", "tcp6", "udp", "udp6", "raw", "raw6"} {
		b, err := d.read("net/" + proto)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				problem("net/"+proto, err)
			}
			continue
		}
		list, err := procfs.ParseNetIP(b)
		if err != nil {
			problem("net/"+proto, err)
		}
		for _, ip := range list {
			st := procfs.TCPStateName(ip.State)
			if !strings.HasPrefix(proto, "tcp") { // udp and raw: connected or not
				st = map[uint8]string{1: "CONNECTED", 7: "UNCONNECTED"}[ip.State]
			}
			s[ip.Inode] = &Socket{Proto: proto, Local: ip.Local, Remote: ip.Remote, State: st, Inode: ip.Inode}
		}
	}
	if b, err := d.read("net/netlink"); err == nil {
		list, err := procfs.ParseNetNetlink(b)
		if err != nil {
			problem("net/netlink", err)
		}
		for _, n := range list {
			s[n.Inode] = &Socket{Proto: "netlink", Family: procfs.NetlinkProtocolName(n.Protocol), Port: n.PortID, Inode: n.Inode}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		problem("net/netlink", err)
	}
	if b, err := d.read("net/unix"); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			problem("net/unix", err)
		}
	} else {
		list, err := procfs.ParseNetUnix(b)
		if err != nil {
			problem("net/unix", err)
		}
		for _, u := range list {
			st := map[uint8]string{1: "UNCONNECTED", 2: "CONNECTING", 3: "CONNECTED", 4: "DISCONNECTING"}[u.State]
			if u.Listening() {
				st = "LISTEN"
			}
			s[u.Inode] = &Socket{Proto: "unix", State: st, Path: u.Path, Inode: u.Inode}
		}
	}
	return &s
}

// find resolves a "socket:[N]" link; a socket of another family (packet,
// vsock, …) gives a record with its inode only.
func (s *sockets) find(target string) *Socket {
	n, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]"), 10, 64)
	if err != nil {
		return nil
	}
	if so := (*s)[n]; so != nil {
		return so
	}
	return &Socket{Inode: n}
}
