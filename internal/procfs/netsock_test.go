package procfs

import (
	"net/netip"
	"strings"
	"testing"
)

func TestParseNetIP(t *testing.T) {
	tests := []struct {
		path     string
		n        int
		first    IPSocket // compared on Local, Remote, State, Inode when Inode != 0
		wantFail bool
	}{
		{"copied/netip/tcp", 11, IPSocket{Local: netip.MustParseAddrPort("0.0.0.0:2024"), Remote: netip.MustParseAddrPort("0.0.0.0:0"), State: 10, Inode: 252}, false},
		{"copied/netip/tcp6", 1, IPSocket{Local: netip.MustParseAddrPort("[::1]:57195"), Remote: netip.MustParseAddrPort("[::]:0"), State: 10, Inode: 1068319}, false},
		{"copied/netip/udp6", 1, IPSocket{Local: netip.MustParseAddrPort("[::1]:55576"), Remote: netip.MustParseAddrPort("[::1]:53"), State: 1, Inode: 1068321}, false},
		{"copied/netip/udp", 1, IPSocket{}, false},
		{"hostile/netip/header-only", 0, IPSocket{}, false},
		{"hostile/netip/bad-line-among-good", 1, IPSocket{Local: netip.MustParseAddrPort("127.0.0.1:8080"), Remote: netip.MustParseAddrPort("0.0.0.0:0"), State: 10, UID: 1000, Inode: 4242}, false},
		{"hostile/netip/v6-loopback-mapped", 2, IPSocket{Local: netip.MustParseAddrPort("[::1]:8080"), Remote: netip.MustParseAddrPort("[::]:0"), State: 10, Inode: 777}, false},
		{"hostile/netip/garbage", 0, IPSocket{}, true},
	}
	for _, tt := range tests {
		got, err := ParseNetIP(readFixture(t, tt.path))
		if wantErr(t, err, tt.wantFail) {
			continue
		}
		if len(got) != tt.n {
			t.Errorf("%s: %d sockets, want %d: %+v", tt.path, len(got), tt.n, got)
			continue
		}
		if tt.first.Inode != 0 && got[0] != tt.first {
			t.Errorf("%s: first %+v, want %+v", tt.path, got[0], tt.first)
		}
	}
	v6, _ := ParseNetIP(readFixture(t, "hostile/netip/v6-loopback-mapped"))
	if want := netip.MustParseAddrPort("[::ffff:127.0.0.2]:54321"); v6[1].Remote != want || TCPStateName(v6[1].State) != "ESTABLISHED" {
		t.Errorf("mapped: %v %s, want %v ESTABLISHED", v6[1].Remote, TCPStateName(v6[1].State), want)
	}
	if TCPStateName(10) != "LISTEN" || TCPStateName(200) != "STATE_200" || TCPStateName(0) != "STATE_0" {
		t.Error("TCPStateName")
	}
}

func TestParseNetUnix(t *testing.T) {
	got, err := ParseNetUnix(readFixture(t, "copied/netunix/unix"))
	if err != nil || len(got) != 3 || got[2].Path != "@pidtop-fixture" || !got[2].Listening() || got[0].Path != "" || got[0].State != 3 {
		t.Errorf("copied: %+v, %v", got, err)
	}
	got, err = ParseNetUnix(readFixture(t, "hostile/netunix/spaces-newline-abstract"))
	want := []UnixSocket{
		{Flags: 0x10000, Type: 1, State: 1, Inode: 100, Path: "/run/a path with spaces"},
		{Type: 2, State: 1, Inode: 101, Path: "/tmp/new"},
		{Type: 1, State: 3, Inode: 102},
		{Flags: 0x10000, Type: 1, State: 1, Inode: 103, Path: "@abstract@with@nuls"},
	}
	if err != nil || len(got) != len(want) {
		t.Fatalf("hostile: %+v, %v", got, err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("hostile %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzParseNetIP(f *testing.F) {
	seedFuzz(f, "netip")
	f.Fuzz(func(t *testing.T, b []byte) {
		socks, err := ParseNetIP(b)
		fuzzErr(t, err)
		if err != nil && socks != nil {
			t.Fatal("sockets with an error")
		}
		if len(socks) > strings.Count(string(b), "\n")+1 {
			t.Fatalf("%d sockets from %d lines", len(socks), strings.Count(string(b), "\n")+1)
		}
		for _, s := range socks {
			if !s.Local.IsValid() || !s.Remote.IsValid() {
				t.Fatalf("invalid address in %+v", s)
			}
		}
	})
}

func FuzzParseNetUnix(f *testing.F) {
	seedFuzz(f, "netunix")
	f.Fuzz(func(t *testing.T, b []byte) {
		socks, err := ParseNetUnix(b)
		fuzzErr(t, err)
		if err != nil && socks != nil {
			t.Fatal("sockets with an error")
		}
		for _, s := range socks {
			if strings.IndexByte(s.Path, '\n') >= 0 {
				t.Fatalf("newline in path %q", s.Path)
			}
		}
	})
}

func TestParseNetNetlink(t *testing.T) {
	got, err := ParseNetNetlink(readFixture(t, "copied/netnetlink/netlink"))
	if err != nil || len(got) == 0 || got[0].Protocol != 0 || got[0].Inode != 4 {
		t.Errorf("copied: %+v, %v", got, err)
	}
	got, err = ParseNetNetlink(readFixture(t, "hostile/netnetlink/mixed"))
	want := []NetlinkSocket{{Protocol: 0, PortID: 1<<32 - 1, Inode: 77}, {Protocol: 99, PortID: 12, Inode: 78}}
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("mixed: %+v, %v; want %+v", got, err, want)
	}
	if NetlinkProtocolName(15) != "kobject_uevent" || NetlinkProtocolName(99) != "99" || NetlinkProtocolName(-1) != "-1" {
		t.Error("NetlinkProtocolName")
	}
}

func FuzzParseNetNetlink(f *testing.F) {
	seedFuzz(f, "netnetlink")
	f.Fuzz(func(t *testing.T, b []byte) {
		socks, err := ParseNetNetlink(b)
		fuzzErr(t, err)
		for _, s := range socks {
			_ = NetlinkProtocolName(s.Protocol)
		}
	})
}
