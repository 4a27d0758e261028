package collect

import (
	"errors"
	"os"
	"testing"

	"github.com/pidtop/pidtop/internal/procfs"
)

func TestInspectSelf(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live /proc")
	}
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Fatal(err)
	}
	var st procfs.Stat
	if err := procfs.ParseStat(b, &st); err != nil {
		t.Fatal(err)
	}
	id := ID{PID: int32(os.Getpid()), Start: st.StartTime}
	d, err := Inspect(id)
	if err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	wd, _ := os.Getwd()
	if d.Exe != exe || d.Cwd != wd || d.Cgroup == "" || d.OpenFiles < 3 || !d.HasIDs || d.UIDs[0] != uint32(os.Getuid()) ||
		d.IO == nil || d.IO.SyscR == 0 || !d.HasCtx || len(d.Memory) == 0 {
		t.Errorf("details of self: %+v", d)
	}
	if _, err := Inspect(ID{PID: id.PID, Start: id.Start + 1}); !errors.Is(err, ErrExited) {
		t.Errorf("another start time: %v, want ErrExited", err)
	}
	if _, err := Inspect(ID{PID: 1 << 30}); !errors.Is(err, ErrExited) {
		t.Errorf("a PID nobody has: %v, want ErrExited", err)
	}
}
