//go:build darwin || freebsd

package sysctl

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// These tests read the live kernel; they run only on macOS and FreeBSD, and not
// under -short.

func TestLiveOwnProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live process table")
	}
	var r ProcReader
	recs, err := r.Read(false)
	if err != nil {
		t.Fatal(err)
	}
	var own *KinfoProc
	for i := range recs {
		if int(recs[i].PID) == os.Getpid() {
			own = &recs[i]
		}
	}
	if own == nil {
		t.Fatalf("pid %d not among %d records", os.Getpid(), len(recs))
	}
	if int(own.PPID) != os.Getppid() || int(own.RUID) != os.Getuid() || own.StartMicros() == 0 {
		t.Errorf("own record: ppid %d uid %d start %d; want ppid %d uid %d", own.PPID, own.RUID, own.StartMicros(), os.Getppid(), os.Getuid())
	}
	one, err := ReadProc(os.Getpid())
	if err != nil || one.StartMicros() != own.StartMicros() || string(one.Comm()) != string(own.Comm()) {
		t.Errorf("ReadProc: start %d comm %q err %v; the table says %d %q", one.StartMicros(), one.Comm(), err, own.StartMicros(), own.Comm())
	}
	var a ArgsReader
	args, err := a.Args(int32(os.Getpid()))
	if err != nil || !reflect.DeepEqual(args.Argv, os.Args) {
		t.Errorf("Args = %q, err %v; want %q", args.Argv, err, os.Args)
	}
	exe, err := a.Exe(int32(os.Getpid()))
	want, _ := os.Executable()
	if w, err2 := filepath.EvalSymlinks(want); err2 == nil {
		want = w
	}
	if g, err2 := filepath.EvalSymlinks(exe); err2 == nil {
		exe = g
	}
	if err != nil || exe != want {
		t.Errorf("Exe = %q, err %v; want %q", exe, err, want)
	}
}

func TestLiveGoneProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if _, err := ReadProc(pid); err != nil {
		t.Fatalf("ReadProc(child %d): %v", pid, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if k, err := ReadProc(pid); !errors.Is(err, ErrNoProcess) {
		t.Logf("pid %d after reaping: %+v", pid, k) // reused already: rare, not a failure of ours
		if err != nil {
			t.Errorf("ReadProc of a reaped child: %v, want ErrNoProcess", err)
		}
	}
}

func TestLiveGetGrows(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the live process table")
	}
	b, err := Get(procsMIB(false), make([]byte, 1))
	if err != nil || len(b) == 0 {
		t.Fatalf("Get from a 1-byte buffer: %d bytes, err %v", len(b), err)
	}
	if _, err := decodeProcs(b, nil); err != nil {
		t.Errorf("decode: %v", err)
	}
}

func TestLiveSystem(t *testing.T) {
	if testing.Short() {
		t.Skip("reads live system figures")
	}
	r, err := NewSystemReader()
	if err != nil {
		t.Fatal(err)
	}
	var s SysInfo
	err = r.Read(&s)
	if len(s.CPUs) != runtime.NumCPU() || !s.MemOK || s.Mem.Total == 0 || s.Mem.Free > s.Mem.Total || !s.LoadOK || s.Boot.IsZero() {
		t.Errorf("%d CPUs (want %d), memory %v %+v, load %v %v, boot %v, err %v",
			len(s.CPUs), runtime.NumCPU(), s.MemOK, s.Mem, s.LoadOK, s.Load, s.Boot, err)
	}
}
