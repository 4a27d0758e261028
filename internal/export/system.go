package export

import "github.com/pidtop/pidtop/internal/collect"

// renderSystem writes the machine's figures the viewer's header shows: CPU
// time by mode, memory, swap, load, uptime and the task counts. A figure the
// platform could not read is left out, never written as 0.
func renderSystem(w *writer, s *collect.System) {
	one := func(name, typ, help string, v float64) {
		w.family(name, typ, help)
		w.sample(name, v)
	}
	if s.Known&collect.SysKnownCPUTime != 0 {
		t := &s.CPUTime
		w.family("pidtop_cpu_seconds_total", counter, "CPU time of all CPUs together since boot, by mode (Linux counts guest time in user and nice).")
		for _, m := range []struct {
			mode string
			d    float64
		}{{"user", t.User.Seconds()}, {"nice", t.Nice.Seconds()}, {"system", t.System.Seconds()},
			{"idle", t.Idle.Seconds()}, {"iowait", t.IOWait.Seconds()}, {"irq", t.IRQ.Seconds()},
			{"softirq", t.SoftIRQ.Seconds()}, {"steal", t.Steal.Seconds()}} {
			w.sample("pidtop_cpu_seconds_total", m.d, label{"mode", m.mode})
		}
	}
	if s.Known&collect.SysKnownCPU != 0 {
		one("pidtop_cpus", gauge, "CPUs the kernel reports.", float64(len(s.CPUs)))
	}
	if s.Known&collect.SysKnownMemory != 0 {
		m := &s.Memory
		for _, g := range []struct {
			name, help string
			v          uint64
		}{
			{"total", "Physical memory.", m.Total},
			{"used", "Memory in use: total less free, buffers and cache, as htop's bar shows it.", m.Used},
			{"available", "Memory new work can use without swapping (an estimate of the kernel's).", m.Available},
			{"free", "Memory unused.", m.Free},
			{"buffers", "Memory in block device buffers.", m.Buffers},
			{"cache", "Memory in the page cache and reclaimable slab, shared memory excluded.", m.Cache},
			{"shared", "Shared memory (tmpfs, shmem).", m.Shared},
		} {
			one("pidtop_memory_"+g.name+"_bytes", gauge, g.help, float64(g.v))
		}
	}
	if s.Known&collect.SysKnownSwap != 0 {
		one("pidtop_swap_total_bytes", gauge, "Swap space.", float64(s.Swap.Total))
		one("pidtop_swap_used_bytes", gauge, "Swap space in use, the swap cache excluded.", float64(s.Swap.Used))
	}
	if s.Known&collect.SysKnownLoad != 0 {
		for i, n := range []string{"1", "5", "15"} {
			one("pidtop_load"+n, gauge, n+" minute load average.", s.Load[i])
		}
	}
	if s.Known&collect.SysKnownUptime != 0 {
		one("pidtop_uptime_seconds", gauge, "Time since boot.", s.Uptime.Seconds())
	}
	if s.Known&collect.SysKnownTasks != 0 {
		one("pidtop_processes", gauge, "Processes, kernel threads included (of those this exporter may see).", float64(s.Tasks))
		one("pidtop_threads", gauge, "Userland threads beyond each process's first.", float64(s.Threads))
		one("pidtop_kernel_threads", gauge, "Kernel threads.", float64(s.KernelThreads))
		one("pidtop_running_tasks", gauge, "Tasks runnable now.", float64(s.Running))
	}
}
