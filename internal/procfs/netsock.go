package procfs

import (
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"
)

// IPSocket is one line of /proc/net/{tcp,tcp6,udp,udp6,raw,raw6}: a socket of
// the network namespace the file was read in.
type IPSocket struct {
	Local, Remote netip.AddrPort
	State         uint8  // TCP state number (st); see TCPStateName
	TxQueue       uint64 // bytes queued to send (tx_queue)
	RxQueue       uint64 // bytes queued to read (rx_queue)
	UID           uint32 // owner (uid)
	Inode         uint64 // the socket's inode, as in the fd link "socket:[N]"
}

// TCP states, numbered as the kernel's enum (include/net/tcp_states.h).
var tcpStates = [...]string{1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1",
	5: "FIN_WAIT2", 6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN",
	11: "CLOSING", 12: "NEW_SYN_RECV", 13: "BOUND_INACTIVE"}

// TCPStateName names a TCP state as netstat and lsof do; an unknown number is
// returned as such. UDP sockets use the same numbers (7, CLOSE, when unconnected).
func TCPStateName(st uint8) string {
	if int(st) < len(tcpStates) && tcpStates[st] != "" {
		return tcpStates[st]
	}
	return "STATE_" + strconv.Itoa(int(st))
}

// ParseNetIP parses /proc/net/tcp and its kin. A line that is not a socket (the
// header, or one a future kernel formats otherwise) is passed over; a file with
// lines but no socket at all is malformed.
func ParseNetIP(b []byte) ([]IPSocket, error) { return parseLines(b, 1, "socket", parseIPSocketLine) }

// parseIPSocketLine parses "sl: local remote st tx:rx tr:when retrnsmt uid timeout inode …".
func parseIPSocketLine(line string) (IPSocket, bool) {
	f := strings.Fields(line)
	if len(f) < 10 || !strings.HasSuffix(f[0], ":") {
		return IPSocket{}, false
	}
	var s IPSocket
	var ok1, ok2 bool
	s.Local, ok1 = parseHexAddrPort(f[1])
	s.Remote, ok2 = parseHexAddrPort(f[2])
	st, err1 := strconv.ParseUint(f[3], 16, 8)
	tx, rx, ok3 := strings.Cut(f[4], ":")
	txq, err2 := strconv.ParseUint(tx, 16, 64)
	rxq, err3 := strconv.ParseUint(rx, 16, 64)
	uid, err4 := strconv.ParseUint(f[7], 10, 32)
	ino, err5 := strconv.ParseUint(f[9], 10, 64)
	if !ok1 || !ok2 || !ok3 || err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil {
		return IPSocket{}, false
	}
	s.State, s.TxQueue, s.RxQueue, s.UID, s.Inode = uint8(st), txq, rxq, uint32(uid), ino
	return s, true
}

// parseHexAddrPort parses "0100007F:1F90" (IPv4) or 32 hex digits and a port
// (IPv6). The kernel prints each 32-bit word of the address as a number in the
// host's byte order, and the port as a number.
func parseHexAddrPort(s string) (netip.AddrPort, bool) {
	a, p, ok := strings.Cut(s, ":")
	port, err := strconv.ParseUint(p, 16, 16)
	if !ok || err != nil || (len(a) != 8 && len(a) != 32) {
		return netip.AddrPort{}, false
	}
	raw, err := hex.DecodeString(a)
	if err != nil {
		return netip.AddrPort{}, false
	}
	var ip [16]byte
	for i := 0; i < len(raw); i += 4 {
		binary.NativeEndian.PutUint32(ip[i:], binary.BigEndian.Uint32(raw[i:]))
	}
	addr := netip.AddrFrom16(ip)
	if len(raw) == 4 {
		addr = netip.AddrFrom4([4]byte(ip[:4]))
	}
	return netip.AddrPortFrom(addr, uint16(port)), true
}

// UnixSocket is one line of /proc/net/unix.
type UnixSocket struct {
	Flags uint32 // 0x10000: listening (__SO_ACCEPTCON)
	Type  uint16 // 1 stream, 2 datagram, 5 seqpacket
	State uint8  // 1 unconnected, 2 connecting, 3 connected, 4 disconnecting
	Inode uint64
	// Path is the bound name: a file path, "@name" for the abstract namespace
	// (the kernel writes its NULs as '@'), "" for an unbound socket. It is the
	// process's bytes.
	Path string
}

// Listening reports whether the socket accepts connections.
func (u *UnixSocket) Listening() bool { return u.Flags&0x10000 != 0 }

// ParseNetUnix parses /proc/net/unix. The kernel writes a path byte for byte, a
// newline included, so a line that does not parse is passed over.
func ParseNetUnix(b []byte) ([]UnixSocket, error) { return parseLines(b, 1, "socket", parseUnixLine) }

// parseUnixLine parses "Num: RefCount Protocol Flags Type St Inode[ Path]".
func parseUnixLine(line string) (UnixSocket, bool) {
	var f [7]string
	rest := leadingFields(line, f[:])
	if !strings.HasSuffix(f[0], ":") {
		return UnixSocket{}, false
	}
	flags, err1 := strconv.ParseUint(f[3], 16, 32)
	typ, err2 := strconv.ParseUint(f[4], 16, 16)
	st, err3 := strconv.ParseUint(f[5], 16, 8)
	ino, err4 := strconv.ParseUint(f[6], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return UnixSocket{}, false
	}
	u := UnixSocket{Flags: uint32(flags), Type: uint16(typ), State: uint8(st), Inode: ino}
	if strings.HasPrefix(rest, " ") {
		u.Path = rest[1:]
	}
	return u, true
}

// leadingFields fills f with the first len(f) space-separated fields of line
// and returns what follows them, its separating space included: the last
// field of /proc/net/unix and maps is a path, which may hold spaces.
func leadingFields(line string, f []string) (rest string) {
	rest = line
	for i := range f {
		rest = strings.TrimLeft(rest, " ")
		end := strings.IndexByte(rest, ' ')
		if end < 0 {
			end = len(rest)
		}
		f[i], rest = rest[:end], rest[end:]
	}
	return rest
}

// NetlinkSocket is one line of /proc/net/netlink.
type NetlinkSocket struct {
	Protocol int    // NETLINK_ROUTE 0, NETLINK_AUDIT 9, NETLINK_KOBJECT_UEVENT 15, … (Eth)
	PortID   uint32 // the socket's address, often its owner's PID (Pid)
	Inode    uint64
}

// netlinkProtocols name the netlink families (include/uapi/linux/netlink.h).
var netlinkProtocols = [...]string{0: "route", 1: "unused", 2: "usersock", 3: "firewall", 4: "sock_diag",
	5: "nflog", 6: "xfrm", 7: "selinux", 8: "iscsi", 9: "audit", 10: "fib_lookup", 11: "connector",
	12: "netfilter", 13: "ip6_fw", 14: "dnrtmsg", 15: "kobject_uevent", 16: "generic", 18: "scsitransport",
	19: "ecryptfs", 20: "rdma", 21: "crypto", 22: "smc"}

// NetlinkProtocolName names a netlink family, or returns its number.
func NetlinkProtocolName(p int) string {
	if p >= 0 && p < len(netlinkProtocols) && netlinkProtocols[p] != "" {
		return netlinkProtocols[p]
	}
	return strconv.Itoa(p)
}

// ParseNetNetlink parses /proc/net/netlink: "sk Eth Pid Groups Rmem Wmem Dump
// Locks Drops Inode". A line that does not parse is passed over.
func ParseNetNetlink(b []byte) ([]NetlinkSocket, error) {
	return parseLines(b, 1, "socket", parseNetlinkLine)
}

func parseNetlinkLine(line string) (NetlinkSocket, bool) {
	f := strings.Fields(line)
	if len(f) != 10 {
		return NetlinkSocket{}, false
	}
	proto, err1 := strconv.Atoi(f[1])
	port, err2 := strconv.ParseUint(f[2], 10, 32)
	ino, err3 := strconv.ParseUint(f[9], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return NetlinkSocket{}, false
	}
	return NetlinkSocket{Protocol: proto, PortID: uint32(port), Inode: ino}, true
}
