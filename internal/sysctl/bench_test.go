package sysctl

import (
	"bytes"
	"testing"
)

// The decoders' cost per tick at 1,000 processes (one kern.proc buffer), with
// the record slice reused as the readers reuse it.
func BenchmarkDecodeFreeBSDProcs1000(b *testing.B) {
	buf := bytes.Repeat(fbsdRecord(), 1000)
	recs := make([]KinfoProc, 0, 1000)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		recs, _ = DecodeFreeBSDProcs(buf, recs)
	}
}

func BenchmarkDecodeDarwinProcs1000(b *testing.B) {
	buf := bytes.Repeat(macRecord(), 1000)
	recs := make([]KinfoProc, 0, 1000)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		recs, _ = DecodeDarwinProcs(buf, recs)
	}
}

func BenchmarkParseProcArgs2(b *testing.B) {
	buf := procargs2(4, "/usr/bin/python3\x00\x00\x00\x00python3\x00-m\x00http.server\x008080\x00PATH=/usr/bin:/bin\x00HOME=/Users/me\x00")
	for b.Loop() {
		ParseProcArgs2(buf)
	}
}
