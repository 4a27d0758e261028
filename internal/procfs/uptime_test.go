package procfs

import (
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
		t.Run(tt.file, func(t *testing.T) {
			up, idle, err := ParseUptime(hostile(t, "uptime", tt.file))
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if up != tt.up || idle != tt.idle {
				t.Errorf("got %v, %v; want %v, %v", up, idle, tt.up, tt.idle)
			}
		})
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
		fuzzErr(t, err)
		if up < 0 || idle < 0 || err != nil && (up != 0 || idle != 0) {
			t.Fatalf("got %v, %v, %v", up, idle, err)
		}
	})
}
