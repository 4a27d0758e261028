//go:build linux && (amd64 || arm64 || loong64 || mips64 || mips64le || ppc64 || ppc64le || riscv64 || s390x)

package procfs

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// fstatat stats a NUL-terminated path relative to dirfd (see rewind). The
// 32-bit systems have no newfstatat: fstatat_linux.go.
func fstatat(dirfd int, path []byte, st *unix.Stat_t) error {
	_, _, e := rawSyscall6(unix.SYS_NEWFSTATAT, uintptr(dirfd), uintptr(unsafe.Pointer(&path[0])),
		uintptr(unsafe.Pointer(st)), 0, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}
