package sysctl

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestLiveTaskInfo(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live task")
	}
	var r TaskReader
	var ti TaskInfo
	if err := r.Info(int32(os.Getpid()), &ti); err != nil {
		t.Fatal(err)
	}
	if ti.Threads < 1 || ti.ResidentSize == 0 || ti.VirtualSize < ti.ResidentSize {
		t.Errorf("own task: %+v", ti)
	}
	if n, d, err := MachTimebase(); err != nil || n == 0 || d == 0 {
		t.Errorf("timebase %d/%d, err %v", n, d, err)
	}
	if os.Getuid() != 0 { // launchd (pid 1) belongs to root: refused unless we are root
		if err := r.Info(1, &ti); !errors.Is(err, fs.ErrPermission) {
			t.Errorf("task of launchd as uid %d: %v, want a permission error", os.Getuid(), err)
		}
	}
}
