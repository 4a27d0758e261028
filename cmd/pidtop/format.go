package main

import (
	"fmt"
	"strconv"
	"time"
)

// Batch-mode formatters. They follow htop's conventions for the same columns.

// formatBytes prints a size like htop: KiB as a plain number below 100,000 K,
// then M, G and T with a suffix.
func formatBytes(v uint64) string {
	k := v / 1024
	switch {
	case k < 100000:
		return strconv.FormatUint(k, 10)
	case k < 10000*1024:
		return strconv.FormatUint(k/1024, 10) + "M"
	case k < 100*1024*1024:
		return strconv.FormatFloat(float64(k)/(1024*1024), 'f', 2, 64) + "G"
	case k < 1000*1024*1024:
		return strconv.FormatFloat(float64(k)/(1024*1024), 'f', 1, 64) + "G"
	default:
		return strconv.FormatFloat(float64(k)/(1024*1024*1024), 'f', 2, 64) + "T"
	}
}

// formatCPUTime prints TIME+ like htop: M:SS.hh, then HhMM:SS, then Hh.
func formatCPUTime(d time.Duration) string {
	h100 := d.Milliseconds() / 10
	secs := h100 / 100
	hours, mins := secs/3600, (secs/60)%60
	switch {
	case hours >= 100:
		return fmt.Sprintf("%dh", hours)
	case hours > 0:
		return fmt.Sprintf("%dh%02d:%02d", hours, mins, secs%60)
	default:
		return fmt.Sprintf("%d:%02d.%02d", secs/60, secs%60, h100%100)
	}
}

// formatPriority prints PRI like htop: "RT" for the highest real-time priority.
func formatPriority(p int32) string {
	if p <= -100 {
		return "RT"
	}
	return strconv.Itoa(int(p))
}

// formatUptime prints "3 days, 04:05:06" or "04:05:06".
func formatUptime(d time.Duration) string {
	s := int64(d.Seconds())
	days, rest := s/86400, s%86400
	hms := fmt.Sprintf("%02d:%02d:%02d", rest/3600, rest/60%60, rest%60)
	switch days {
	case 0:
		return hms
	case 1:
		return "1 day, " + hms
	default:
		return fmt.Sprintf("%d days, %s", days, hms)
	}
}
