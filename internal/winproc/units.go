package winproc

import "time"

// unixEpochFiletime is 1970-01-01 UTC as a FILETIME.
const unixEpochFiletime = 116444736000000000

// FiletimeToTime converts a FILETIME (100 ns units since 1601-01-01 UTC) to a time;
// zero stays the zero time.
func FiletimeToTime(ft uint64) time.Time {
	if ft == 0 {
		return time.Time{}
	}
	d := int64(ft) - unixEpochFiletime
	return time.Unix(d/1e7, d%1e7*100)
}

// Duration100ns converts a count of 100 ns units (CPU times) to a duration.
func Duration100ns(v uint64) time.Duration { return time.Duration(v) * 100 }
