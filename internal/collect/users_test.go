package collect

import (
	"io"
	"strings"
	"testing"
)

func TestUserCache(t *testing.T) {
	passwd := "root:x:0:0:root:/root:/bin/bash\n" +
		"# comment\n" +
		"broken line\n" +
		"daemon:x:1:1::/:/usr/sbin/nologin\n" +
		"toor:x:0:0:dup:/root:/bin/sh\n" +
		"bad:x:notanumber:0::/:\n" +
		"big:x:4294967294:0::/:\n"
	loads := 0
	c := userCache{load: func() (io.ReadCloser, error) {
		loads++
		return io.NopCloser(strings.NewReader(passwd)), nil
	}}
	for _, tc := range []struct {
		uid  uint32
		want string
	}{{0, "root"}, {1, "daemon"}, {4294967294, "big"}, {1000, "1000"}, {1000, "1000"}} {
		if got := c.name(tc.uid); got != tc.want {
			t.Errorf("name(%d) = %q, want %q", tc.uid, got, tc.want)
		}
	}
	if loads != 1 {
		t.Errorf("passwd loaded %d times, want once", loads)
	}
}

func TestUserCacheWithoutPasswd(t *testing.T) {
	c := userCache{load: func() (io.ReadCloser, error) { return nil, io.ErrUnexpectedEOF }}
	if got := c.name(0); got != "0" {
		t.Errorf("got %q, want the number", got)
	}
}
