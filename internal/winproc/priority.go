package winproc

// PriorityClass is a Windows process priority class (the dwPriorityClass values of
// SetPriorityClass). Windows has no nice value; pidtop maps the six classes onto
// nice's -20..19 range so that the same keys and columns work:
//
//	class          nice   base priority   nice values that select it
//	realtime        -20        24          -20 .. -16
//	high            -10        13          -15 .. -6
//	above normal     -5        10           -5 .. -1
//	normal            0         8            0
//	below normal     10         6            1 .. 10
//	idle             19         4           11 .. 19
//
// Realtime needs the "increase scheduling priority" privilege; without it Windows
// quietly sets high instead.
type PriorityClass uint32

// The priority classes.
const (
	ClassIdle        PriorityClass = 0x00000040
	ClassBelowNormal PriorityClass = 0x00004000
	ClassNormal      PriorityClass = 0x00000020
	ClassAboveNormal PriorityClass = 0x00008000
	ClassHigh        PriorityClass = 0x00000080
	ClassRealtime    PriorityClass = 0x00000100
)

// classRow is one line of the mapping above.
type classRow struct {
	class    PriorityClass
	name     string
	nice     int
	base     int32 // the base priority of a normal thread in the class
	niceFrom int   // the lowest nice value that selects the class
}

// classTable is in nice order, from most to least favoured.
var classTable = [...]classRow{
	{ClassRealtime, "realtime", -20, 24, -1 << 31},
	{ClassHigh, "high", -10, 13, -15},
	{ClassAboveNormal, "above normal", -5, 10, -5},
	{ClassNormal, "normal", 0, 8, 0},
	{ClassBelowNormal, "below normal", 10, 6, 1},
	{ClassIdle, "idle", 19, 4, 11},
}

// Classes returns the priority classes in nice order, realtime first, so that a
// dialog can show the mapping.
func Classes() []PriorityClass {
	out := make([]PriorityClass, len(classTable))
	for i, r := range classTable {
		out[i] = r.class
	}
	return out
}

func (c PriorityClass) row() (classRow, bool) {
	for _, r := range classTable {
		if r.class == c {
			return r, true
		}
	}
	return classRow{}, false
}

// String names the class as Task Manager does ("below normal"), or "unknown".
func (c PriorityClass) String() string {
	if r, ok := c.row(); ok {
		return r.name
	}
	return "unknown"
}

// Nice is the nice value the class is shown as; 0 for an unknown class.
func (c PriorityClass) Nice() int {
	r, _ := c.row()
	return r.nice
}

// ClassForNice returns the class a nice value selects (see PriorityClass).
func ClassForNice(nice int) PriorityClass {
	c := classTable[0].class
	for _, r := range classTable {
		if nice >= r.niceFrom {
			c = r.class
		}
	}
	return c
}

// ClassForBasePriority returns the class whose base priority is nearest to bp,
// ties going to the lower class: how a process's BasePriority from
// SystemProcessInformation is shown.
func ClassForBasePriority(bp int32) PriorityClass {
	best := classTable[0]
	for _, r := range classTable[1:] {
		if abs32(bp-r.base) <= abs32(bp-best.base) {
			best = r
		}
	}
	return best.class
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}
