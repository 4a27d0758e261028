package procfs

import (
	"errors"
	"testing"
	"time"
)

func TestParseUptime(t *testing.T) {
	tests := []struct {
		file     string
		up, idle time.Duration
		wantFail bool
	}{
		{file: "normal", up: 254*time.Second + 340*time.Millisecond, idle: 432*time.Second + 260*time.Millisecond},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "overflow", wantFail: true},
	}
	for _, tt := range tests {
		up, idle, err := ParseUptime(hostile(t, "uptime", tt.file))
		if tt.wantFail {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%s: err = %v, want ErrMalformed", tt.file, err)
			}
			continue
		}
		if err != nil || up != tt.up || idle != tt.idle {
			t.Errorf("%s: got %v, %v, %v; want %v, %v", tt.file, up, idle, err, tt.up, tt.idle)
		}
	}
}

func TestParseUptimeLive(t *testing.T) {
	up, idle, err := ParseUptime(readFixture(t, "live/uptime"))
	if err != nil || up <= 0 || idle <= 0 {
		t.Errorf("got %v, %v, %v", up, idle, err)
	}
}

func FuzzParseUptime(f *testing.F) {
	seedFuzz(f, "uptime")
	f.Fuzz(func(t *testing.T, b []byte) {
		up, idle, err := ParseUptime(b)
		if err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("error %v does not wrap ErrMalformed", err)
		}
		if up < 0 || idle < 0 || err != nil && (up != 0 || idle != 0) {
			t.Fatalf("got %v, %v, %v", up, idle, err)
		}
	})
}
