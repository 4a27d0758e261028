package main

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/pidtop/pidtop/internal/collect"
)

// The JSON Lines output: one object per snapshot, fields documented in README.md
// ("JSON output"). Units are in the field names; a field the platform could not
// read is null, never zero. Written by hand into one reused buffer: this is the
// path `pidtop -b -n 1 --json` measures against ps.

// jsonObj appends "key": pairs with commas between them.
type jsonObj struct {
	b     []byte
	first bool
}

func (o *jsonObj) key(k string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *jsonObj) open(k string) {
	if k != "" {
		o.key(k)
	}
	o.b = append(o.b, '{')
	o.first = true
}

func (o *jsonObj) close() { o.b = append(o.b, '}'); o.first = false }

// field writes the key and, for an unknown value, null; it reports whether the
// caller should write the value.
func (o *jsonObj) field(k string, known bool) bool {
	o.key(k)
	if !known {
		o.b = append(o.b, "null"...)
	}
	return known
}

func (o *jsonObj) int(k string, v int64, known bool) {
	if o.field(k, known) {
		o.b = strconv.AppendInt(o.b, v, 10)
	}
}

func (o *jsonObj) uint(k string, v uint64, known bool) {
	if o.field(k, known) {
		o.b = strconv.AppendUint(o.b, v, 10)
	}
}

func (o *jsonObj) float(k string, v float64, known bool) {
	if o.field(k, known) {
		o.b = strconv.AppendFloat(o.b, v, 'f', 2, 64)
	}
}

func (o *jsonObj) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObj) str(k, v string, known bool) {
	if o.field(k, known) {
		o.b = appendJSONString(o.b, v)
	}
}

// appendJSONString quotes s for JSON: control bytes (ESC included) become \u00XX
// escapes and invalid UTF-8 becomes U+FFFD, so nothing a process controls can
// reach a terminal that displays the output.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else if r >= 0x80 && r < 0xa0 { // C1 controls
			b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xf])
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// appendJSON appends one snapshot as a JSON object and a newline.
func appendJSON(b []byte, s *collect.Snapshot, rows []row) []byte {
	o := jsonObj{b: b}
	o.open("")
	o.str("time", s.Time.Format(time.RFC3339Nano), true)
	o.uint("tick", s.Tick, true)
	o.float("interval_s", s.Interval.Seconds(), true)
	appendSystem(&o, &s.System)
	o.key("processes")
	o.b = append(o.b, '[')
	for i, r := range rows {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		appendProcess(&o, r.p)
	}
	o.b = append(o.b, ']')
	o.open("cost")
	o.float("duration_s", s.Cost.Duration.Seconds(), true)
	o.int("read", int64(s.Cost.Read), true)
	o.int("vanished", int64(s.Cost.Vanished), true)
	o.int("denied", int64(s.Cost.Denied), true)
	o.int("errors", int64(s.Cost.Errors), true)
	o.close()
	o.close()
	return append(o.b, '\n')
}

func appendSystem(o *jsonObj, sys *collect.System) {
	o.open("system")
	o.str("hostname", sys.Hostname, true)
	up := sys.Known&collect.SysKnownUptime != 0
	o.float("uptime_s", sys.Uptime.Seconds(), up)
	load := sys.Known&collect.SysKnownLoad != 0
	o.float("load1", sys.Load[0], load)
	o.float("load5", sys.Load[1], load)
	o.float("load15", sys.Load[2], load)
	tasks := sys.Known&collect.SysKnownTasks != 0
	o.int("tasks", int64(sys.Tasks), tasks)
	o.int("running", int64(sys.Running), tasks)
	o.int("threads", int64(sys.Threads), tasks)
	o.int("kernel_threads", int64(sys.KernelThreads), tasks)
	cpu := sys.Known&collect.SysKnownCPU != 0
	o.key("cpu_total")
	if cpu {
		appendCPU(o, sys.CPUTotal)
	} else {
		o.b = append(o.b, "null"...)
	}
	o.key("cpus")
	o.b = append(o.b, '[')
	for i, c := range sys.CPUs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		appendCPU(o, c)
	}
	o.b = append(o.b, ']')
	mem := sys.Known&collect.SysKnownMemory != 0
	m := sys.Memory
	o.open("memory")
	o.uint("total_bytes", m.Total, mem)
	o.uint("free_bytes", m.Free, mem)
	o.uint("available_bytes", m.Available, mem)
	o.uint("used_bytes", m.Used, mem)
	o.uint("buffers_bytes", m.Buffers, mem)
	o.uint("shared_bytes", m.Shared, mem)
	o.uint("cache_bytes", m.Cache, mem)
	o.close()
	swap := sys.Known&collect.SysKnownSwap != 0
	o.open("swap")
	o.uint("total_bytes", sys.Swap.Total, swap)
	o.uint("used_bytes", sys.Swap.Used, swap)
	o.uint("cache_bytes", sys.Swap.Cache, swap)
	o.close()
	o.close()
}

func appendCPU(o *jsonObj, c collect.CPUShare) {
	o.b = append(o.b, '{')
	o.first = true
	o.float("user_percent", c.User, true)
	o.float("nice_percent", c.Nice, true)
	o.float("system_percent", c.System, true)
	o.float("iowait_percent", c.IOWait, true)
	o.float("irq_percent", c.IRQ, true)
	o.float("softirq_percent", c.SoftIRQ, true)
	o.float("steal_percent", c.Steal, true)
	o.float("guest_percent", c.Guest, true)
	o.float("idle_percent", c.Idle, true)
	o.close()
}

func appendProcess(o *jsonObj, p *collect.Process) {
	k := p.Known.Has
	o.b = append(o.b, '{')
	o.first = true
	o.int("pid", int64(p.PID), true)
	o.uint("start_token", p.Start, k(collect.KnownStart))
	o.int("ppid", int64(p.PPID), k(collect.KnownPPID))
	o.int("pgid", int64(p.PGID), k(collect.KnownPGID))
	o.int("sid", int64(p.SID), k(collect.KnownPGID))
	o.int("tgid", int64(p.TGID), true)
	o.uint("uid", uint64(p.UID()), k(collect.KnownUser))
	o.str("user", p.User(), k(collect.KnownUser))
	o.str("state", string(rune(p.State)), k(collect.KnownState))
	o.int("priority", int64(p.Priority), k(collect.KnownPriority))
	o.int("nice", int64(p.Nice), k(collect.KnownPriority))
	o.int("threads", int64(p.Threads), k(collect.KnownThreads))
	o.int("processor", int64(p.Processor), k(collect.KnownProcessor))
	o.str("tty", p.TTY, k(collect.KnownTTY))
	o.str("start_time", p.Started().UTC().Format(time.RFC3339), k(collect.KnownStart) && p.StartedNs != 0)
	o.float("user_time_s", p.UserTime.Seconds(), k(collect.KnownCPU))
	o.float("system_time_s", p.SystemTime.Seconds(), k(collect.KnownCPU))
	o.float("cpu_percent", p.CPUPercent, k(collect.KnownCPU))
	o.uint("virt_bytes", p.VirtBytes, k(collect.KnownVirt))
	o.uint("res_bytes", p.ResBytes, k(collect.KnownRes))
	o.uint("shr_bytes", p.ShrBytes, k(collect.KnownShr))
	o.float("mem_percent", p.MemPercent, k(collect.KnownRes))
	o.uint("minor_faults", p.MinorFaults, k(collect.KnownFaults))
	o.uint("major_faults", p.MajorFaults, k(collect.KnownFaults))
	o.uint("read_bytes", p.ReadBytes, k(collect.KnownIO))
	o.uint("write_bytes", p.WriteBytes, k(collect.KnownIO))
	o.float("read_bytes_per_s", p.ReadBytesRate, k(collect.KnownIO))
	o.float("write_bytes_per_s", p.WriteBytesRate, k(collect.KnownIO))
	o.str("name", p.Name, true)
	o.str("cmdline", p.Cmdline(), k(collect.KnownCmdline))
	o.str("exe", p.Exe(), k(collect.KnownExe))
	o.str("cgroup", p.Cgroup(), k(collect.KnownCgroup))
	o.bool("kernel_thread", p.Is(collect.FlagKernelThread))
	o.bool("thread", p.Is(collect.FlagThread))
	o.bool("new", p.Is(collect.FlagNew))
	o.close()
}
