package procfs

import (
	"bytes"
	"testing"
)

func TestParseIO(t *testing.T) {
	tests := []struct {
		file     string
		want     IO
		wantFail bool
	}{
		{file: "normal", want: IO{RChar: 6976, WChar: 12, SyscR: 10, SyscW: 2, ReadBytes: 4096, WriteBytes: 8192,
			CancelledWriteBytes: 512}},
		{file: "truncated", wantFail: true},
		{file: "empty", wantFail: true},
		{file: "bad-value", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var io IO
			err := ParseIO(hostile(t, "io", tt.file), &io)
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if io != tt.want {
				t.Errorf("got %+v, %v; want %+v", io, err, tt.want)
			}
		})
	}
}

func TestParseIOLive(t *testing.T) {
	for path, b := range liveFixtures(t, "io") {
		var io IO
		if err := ParseIO(b, &io); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var st Stat
		if err := ParseStat(sibling(t, path, "stat"), &st); err != nil {
			t.Fatal(err)
		}
		// Every user process has read something (its ELF headers, at least).
		if !st.IsKernelThread() && (io.RChar == 0 || io.SyscR == 0) {
			t.Errorf("%s (%s): %+v", path, st.Comm(), io)
		}
	}
}

func TestParseIOAllocs(t *testing.T) {
	b := hostile(t, "io", "normal")
	var io IO
	noAllocs(t, "ParseIO", func() { _ = ParseIO(b, &io) })
}

func BenchmarkParseIO(b *testing.B) {
	in := readFixture(b, liveRoles(b)["self"]+"/io")
	var io IO
	benchParse(b, in, func(in []byte) error { return ParseIO(in, &io) })
}

func FuzzParseIO(f *testing.F) {
	seedFuzz(f, "io")
	f.Fuzz(func(t *testing.T, b []byte) {
		var io IO
		err := ParseIO(b, &io)
		fuzzErr(t, err)
		if err == nil && !bytes.Contains(b, []byte("cancelled_write_bytes:")) {
			t.Fatalf("parsed without a cancelled_write_bytes line: %+v", io)
		}
	})
}
