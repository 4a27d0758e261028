package procfs

import "testing"

func TestParseLoadAvg(t *testing.T) {
	tests := []struct {
		file     string
		want     LoadAvg
		wantFail bool
	}{
		{file: "normal", want: LoadAvg{Load1: 0.18, Load5: 1.07, Load15: 12.5, Running: 2, Total: 95, LastPID: 7931}},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "negative", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var l LoadAvg
			err := ParseLoadAvg(hostile(t, "loadavg", tt.file), &l)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if l != tt.want {
				t.Errorf("got %+v, %v; want %+v", l, err, tt.want)
			}
		})
	}
}

func TestParseLoadAvgLive(t *testing.T) {
	var l LoadAvg
	if err := ParseLoadAvg(readFixture(t, "live/loadavg"), &l); err != nil {
		t.Fatal(err)
	}
	if l.Running < 1 || l.Running > l.Total || l.LastPID < 1 || l.Load1 < 0 || l.Load15 < 0 {
		t.Errorf("implausible: %+v", l)
	}
}

func TestParseFixed(t *testing.T) {
	tests := []struct {
		in    string
		scale uint64
		want  uint64
		ok    bool
	}{
		{"254.34", 100, 25434, true},
		{"254.349", 100, 25434, true}, // digits past the scale are dropped
		{"7", 1000, 7000, true},
		{"0.05", 1e9, 5e7, true},
		{"1.", 10, 10, true},
		{"18446744073709551615", 1, 0, false}, // no room for a fraction
		{"18446744073709551", 1000, 0, false},
		{"", 10, 0, false},
		{".5", 10, 0, false},
		{"1.5x", 10, 0, false},
		{"-1", 10, 0, false},
		{"1e3", 10, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseFixed([]byte(tt.in), tt.scale)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseFixed(%q, %d) = %d, %v; want %d, %v", tt.in, tt.scale, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseLoadAvg(f *testing.F) {
	seedFuzz(f, "loadavg")
	f.Fuzz(func(t *testing.T, b []byte) {
		var l LoadAvg
		if err := ParseLoadAvg(b, &l); err != nil {
			fuzzErr(t, err)
			return
		}
		if l.Load1 < 0 || l.Load5 < 0 || l.Load15 < 0 || l.Running < 0 || l.Total < 0 || l.LastPID < 0 {
			t.Fatalf("negative figure in %+v", l)
		}
	})
}
