package winproc

// Fidelity says which listing fields the running system really fills. Windows
// fills them all. Wine 8.0 (where pidtop's Windows tests run) leaves several at
// zero, and a zero there would be a lie if shown as a measurement.
type Fidelity struct {
	Wine              string // Wine's version when running under Wine, else ""
	ThreadStates      bool   // thread states, wait reasons, thread priorities (Wine: all 0)
	IOCounters        bool   // I/O operation and transfer counts (Wine: 0)
	PageFaults        bool   // PageFaultCount, HardFaultCount (Wine: 0)
	PrivateWorkingSet bool   // WorkingSetPrivateSize (Wine: 0)
}

// fullFidelity is what Windows itself fills.
var fullFidelity = Fidelity{ThreadStates: true, IOCounters: true, PageFaults: true, PrivateWorkingSet: true}

// wineFidelity is what Wine 8.0 fills: the rest are zero.
func wineFidelity(version string) Fidelity { return Fidelity{Wine: version} }

// wineBasePriority translates Wine's BasePriority, which is its server's priority
// class index (PROCESS_PRIOCLASS_*: 1 idle, 2 normal, 3 high, 4 realtime, 5 below
// normal, 6 above normal), into the base priority Windows reports for that class.
// Unknown values pass through.
func wineBasePriority(v int32) int32 {
	switch v {
	case 1:
		return 4
	case 2:
		return 8
	case 3:
		return 13
	case 4:
		return 24
	case 5:
		return 6
	case 6:
		return 10
	}
	return v
}
