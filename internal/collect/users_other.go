//go:build !darwin

package collect

// systemUserName has nothing beyond the passwd file to ask on this system.
func systemUserName(uint32) (string, bool) { return "", false }
