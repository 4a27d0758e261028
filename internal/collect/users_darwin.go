package collect

import (
	"os/user"
	"strconv"
)

// systemUserName asks the system for a name /etc/passwd lacks. On macOS the
// accounts people log in with live in Directory Services, not in /etc/passwd;
// os/user reaches them through libSystem's getpwuid_r even without cgo.
func systemUserName(uid uint32) (string, bool) {
	u, err := user.LookupId(strconv.FormatUint(uint64(uid), 10))
	if err != nil || u.Username == "" {
		return "", false
	}
	return u.Username, true
}
