package control

import (
	"fmt"
	"math/bits"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/pidtop/pidtop/internal/winproc"
)

// Windows: SetProcessAffinityMask through a handle opened and checked against
// Target.Start (see open). The mask covers the process's processor group, at
// most 64 CPUs; a process spanning groups keeps its own settings there.

const hasAffinity = true

var (
	kernel32                   = windows.NewLazySystemDLL("kernel32.dll")
	procSetProcessAffinityMask = kernel32.NewProc("SetProcessAffinityMask")
	procGetProcessAffinityMask = kernel32.NewProc("GetProcessAffinityMask")
)

func setAffinityOS(t Target, cpus []int, _ Options) (Result, error) {
	const what = "set the CPU affinity of"
	var mask uintptr
	for _, c := range cpus {
		if c >= bits.UintSize {
			return Result{Path: PathUnknown}, fmt.Errorf("CPU %d: beyond one processor group: %w", c, ErrUnsupported)
		}
		mask |= 1 << c
	}
	h, err := open(t, what, winproc.AccessSetInfo|winproc.AccessQuery)
	if err != nil {
		return Result{Path: PathUnknown}, err
	}
	defer windows.CloseHandle(h)
	if r, _, e := procSetProcessAffinityMask.Call(uintptr(h), mask); r == 0 {
		return Result{Path: PathHandle}, fmt.Errorf("%s pid %d: %w", what, t.PID, e)
	}
	return Result{Path: PathHandle}, nil
}

func affinityOS(t Target, _ Options) ([]int, error) {
	const what = "read the CPU affinity of"
	h, err := open(t, what, winproc.AccessQuery)
	if err != nil {
		return nil, err
	}
	defer windows.CloseHandle(h)
	var proc, sys uintptr
	if r, _, e := procGetProcessAffinityMask.Call(uintptr(h), uintptr(unsafe.Pointer(&proc)), uintptr(unsafe.Pointer(&sys))); r == 0 {
		return nil, fmt.Errorf("%s pid %d: %w", what, t.PID, e)
	}
	var cpus []int
	for c := range bits.UintSize {
		if proc&(1<<c) != 0 {
			cpus = append(cpus, c)
		}
	}
	return cpus, nil
}
