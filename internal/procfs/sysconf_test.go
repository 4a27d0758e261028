package procfs

import (
	"encoding/binary"
	"testing"
)

func TestAuxvValue(t *testing.T) {
	vector := func(wordSize int, order binary.AppendByteOrder, words ...uint64) []byte {
		var b []byte
		for _, w := range words {
			if wordSize == 4 {
				b = order.AppendUint32(b, uint32(w))
			} else {
				b = order.AppendUint64(b, w)
			}
		}
		return b
	}
	tests := []struct {
		name     string
		b        []byte
		wordSize int
		order    binary.ByteOrder
		want     uint64
		ok       bool
	}{
		{"64-bit little", vector(8, binary.LittleEndian, 6, 4096, atClkTck, 100, atNull, 0), 8, binary.LittleEndian, 100, true},
		{"64-bit big", vector(8, binary.BigEndian, atClkTck, 1024, atNull, 0), 8, binary.BigEndian, 1024, true},
		{"32-bit", vector(4, binary.LittleEndian, 6, 4096, atClkTck, 250, atNull, 0), 4, binary.LittleEndian, 250, true},
		{"missing", vector(8, binary.LittleEndian, 6, 4096, atNull, 0), 8, binary.LittleEndian, 0, false},
		{"after AT_NULL", vector(8, binary.LittleEndian, atNull, 0, atClkTck, 100), 8, binary.LittleEndian, 0, false},
		{"truncated", vector(8, binary.LittleEndian, 6, 4096, atClkTck)[:20], 8, binary.LittleEndian, 0, false},
		{"empty", nil, 8, binary.LittleEndian, 0, false},
	}
	for _, tt := range tests {
		got, ok := auxvValue(tt.b, atClkTck, tt.wordSize, tt.order)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
