package procfs

import "strconv"

// TTYDev splits a stat tty_nr into the device's major and minor numbers (major in
// bits 15..8, minor in bits 31..20 and 7..0).
func TTYDev(ttyNr uint32) (major, minor uint32) {
	return (ttyNr >> 8) & 0xfff, (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00)
}

// TTYName names the controlling terminal of a stat tty_nr the way ps does, without
// looking in /dev: "pts/3", "tty1", "ttyS0", "console", "ttyUSB0", … A device of a
// major it does not know is named "major:minor". It returns "" for 0 (no
// terminal).
func TTYName(ttyNr uint32) string {
	if ttyNr == 0 {
		return ""
	}
	major, minor := TTYDev(ttyNr)
	var buf [32]byte
	name := func(prefix string, n uint32) string {
		return string(strconv.AppendUint(append(buf[:0], prefix...), uint64(n), 10))
	}
	switch {
	case major >= 136 && major <= 143: // Unix98 pty slaves
		return name("pts/", (major-136)<<8+minor)
	case major == 4 && minor < 64: // virtual consoles
		return name("tty", minor)
	case major == 4: // 8250-class serial ports
		return name("ttyS", minor-64)
	case major == 5 && minor <= 2:
		return [...]string{"tty", "console", "ptmx"}[minor]
	case (major == 2 || major == 3) && minor < 256: // BSD ptys: master, slave
		const series, digits = "pqrstuvwxyzabcde", "0123456789abcdef"
		b := append(buf[:0], "ptytty"[3*(major-2):3*(major-1)]...)
		return string(append(b, series[minor>>4], digits[minor&15]))
	case major == 188:
		return name("ttyUSB", minor)
	case major == 166:
		return name("ttyACM", minor)
	case major == 204 && minor >= 64: // ARM AMBA PL011 serial ports
		return name("ttyAMA", minor-64)
	case major == 229: // hypervisor consoles
		return name("hvc", minor)
	}
	b := strconv.AppendUint(buf[:0], uint64(major), 10)
	b = append(b, ':')
	return string(strconv.AppendUint(b, uint64(minor), 10))
}
