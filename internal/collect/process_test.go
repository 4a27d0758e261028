package collect

import (
	"testing"
	"unsafe"
)

// A tick holds two slices of records (on screen, being filled): their size is
// the viewer's memory at 20,000 processes. The field order leaves no padding;
// a field added in the wrong place shows here.
func TestProcessRecordSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are for 64-bit platforms")
	}
	if got := unsafe.Sizeof(Process{}); got > 224 {
		t.Errorf("Process is %d bytes, want at most 224 (padding between fields, or a string that belongs in Info?)", got)
	}
}
