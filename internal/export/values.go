package export

import (
	"strconv"
	"time"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// appendNumber appends p's value of f, a field of any kind but Text, as JSON
// and CSV both write it: shares and durations with two decimals (htop's
// resolution), times RFC 3339 in UTC (a JSON reader gets it quoted by the
// caller), flags true or false. The caller has checked f.Has(p).
func appendNumber(b []byte, f *field.Field, p *collect.Process, e *field.Env) []byte {
	switch f.Kind {
	case field.Float:
		return strconv.AppendFloat(b, f.Float(p, e), 'f', 2, 64)
	case field.Duration:
		return strconv.AppendFloat(b, time.Duration(f.Int(p, e)).Seconds(), 'f', 2, 64)
	case field.Time:
		return time.Unix(0, f.Int(p, e)).UTC().AppendFormat(b, time.RFC3339)
	case field.Bool:
		return strconv.AppendBool(b, f.Int(p, e) != 0)
	}
	return strconv.AppendInt(b, f.Int(p, e), 10)
}
