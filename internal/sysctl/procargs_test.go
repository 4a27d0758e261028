package sysctl

import (
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
)

// procargs2 builds a kern.procargs2 buffer: argc, then the rest verbatim.
func procargs2(argc int32, rest string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(argc))
	return append(b, rest...)
}

func TestParseProcArgs2(t *testing.T) {
	cases := []struct {
		name string
		b    []byte
		want ProcArgs
		err  error
	}{
		{"argv then env then apple strings",
			procargs2(3, "/bin/sleep\x00\x00\x00\x00\x00\x00sleep\x0010\x00--x\x00PATH=/usr/bin\x00HOME=/var/root\x00\x00ptr_munge=\x00"),
			ProcArgs{Exec: "/bin/sleep", Argv: []string{"sleep", "10", "--x"}}, nil},
		{"relative exec path, no padding", procargs2(1, "./a.out\x00./a.out\x00TERM=xterm\x00"),
			ProcArgs{Exec: "./a.out", Argv: []string{"./a.out"}}, nil},
		{"empty arguments kept after argv[0]", procargs2(4, "/bin/sh\x00\x00\x00sh\x00\x00-c\x00\x00"),
			ProcArgs{Exec: "/bin/sh", Argv: []string{"sh", "", "-c", ""}}, nil},
		{"argc beyond the buffer", procargs2(9, "/usr/bin/vi\x00\x00vi\x00x.txt\x00"),
			ProcArgs{Exec: "/usr/bin/vi", Argv: []string{"vi", "x.txt"}}, nil},
		{"last argument cut off without NUL", procargs2(2, "/bin/cat\x00cat\x00/etc/pas"),
			ProcArgs{Exec: "/bin/cat", Argv: []string{"cat", "/etc/pas"}}, nil},
		{"control bytes and invalid UTF-8 kept raw", procargs2(2, "/x\x00\x00x\x00\x1b]0;pwned\x07\xff\xfe\x00ENV=1\x00"),
			ProcArgs{Exec: "/x", Argv: []string{"x", "\x1b]0;pwned\x07\xff\xfe"}}, nil},
		{"argc 0", procargs2(0, "/sbin/launchd\x00\x00\x00\x00HOME=/\x00"), ProcArgs{Exec: "/sbin/launchd"}, nil},
		{"only padding after the exec path", procargs2(2, "/bin/ls\x00\x00\x00\x00\x00"), ProcArgs{Exec: "/bin/ls"}, nil},
		{"negative argc", procargs2(-1, "/bin/ls\x00ls\x00"), ProcArgs{}, ErrMalformed},
		{"huge argc", procargs2(0x7fffffff, "/bin/ls\x00ls\x00"), ProcArgs{}, ErrMalformed},
		{"exec path without NUL", procargs2(1, "/bin/ls"), ProcArgs{}, ErrMalformed},
		{"shorter than argc", []byte{1, 0, 0}, ProcArgs{}, ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseProcArgs2(c.b)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if got.Exec != c.want.Exec {
				t.Errorf("Exec = %q, want %q", got.Exec, c.want.Exec)
			}
			if !reflect.DeepEqual(got.Argv, c.want.Argv) {
				t.Errorf("Argv = %q, want %q", got.Argv, c.want.Argv)
			}
		})
	}
}

func TestParseArgs(t *testing.T) {
	cases := []struct {
		b    string
		want []string
	}{
		{"sh\x00-c\x00echo hi\x00", []string{"sh", "-c", "echo hi"}},
		{"", nil},
		{"truncat", []string{"truncat"}},
		{"a\x00\x00", []string{"a", ""}},
		{"\x00", []string{""}},
	}
	for _, c := range cases {
		if got := ParseArgs([]byte(c.b)); !reflect.DeepEqual(got.Argv, c.want) || got.Exec != "" {
			t.Errorf("ParseArgs(%q) = %q %q, want %q", c.b, got.Exec, got.Argv, c.want)
		}
	}
}

func FuzzParseProcArgs2(f *testing.F) {
	f.Add(procargs2(3, "/bin/sleep\x00\x00\x00sleep\x0010\x00--x\x00PATH=/usr/bin\x00"))
	f.Add(procargs2(1, "/bin/ls"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseProcArgs2(b)
		if err != nil {
			return
		}
		if argc := binary.LittleEndian.Uint32(b); uint32(len(a.Argv)) > argc {
			t.Fatalf("%d arguments for argc %d", len(a.Argv), argc)
		}
		n := len(a.Exec)
		for _, s := range a.Argv {
			n += len(s)
		}
		if n > len(b) {
			t.Fatalf("%d bytes of strings from a %d-byte buffer", n, len(b))
		}
	})
}
