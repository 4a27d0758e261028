package collect

import "errors"

// ErrUnsupported is returned where this operating system has no way to collect.
var ErrUnsupported = errors.New("process collection is not supported on this operating system")
