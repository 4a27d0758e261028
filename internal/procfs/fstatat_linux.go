//go:build linux && !(amd64 || arm64 || loong64 || mips64 || mips64le || ppc64 || ppc64le || riscv64 || s390x)

package procfs

import "golang.org/x/sys/unix"

// fstatat stats a NUL-terminated path relative to dirfd, through the ordinary
// path: the 32-bit systems have fstatat64 and a Stat_t of their own.
func fstatat(dirfd int, path []byte, st *unix.Stat_t) error {
	return unix.Fstatat(dirfd, unsafeString(path), st, 0)
}
