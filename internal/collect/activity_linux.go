package collect

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/pidtop/pidtop/internal/procfs"
)

// maxThreads bounds the threads the activity view reads (three files each).
const maxThreads = 2000

// ReadActivity reads what each thread is doing (task/TID/{stat,syscall,wchan})
// and the main thread's kernel stack (stack, readable by root only).
func ReadActivity(id ID) (Activity, error) {
	d, err := openProc("/proc", id)
	if err != nil {
		return Activity{}, err
	}
	defer d.close()
	var a Activity
	tids, err := d.numbers("task")
	if err != nil {
		return a, exited(err)
	}
	if len(tids) > maxThreads {
		a.Problems = append(a.Problems, fmt.Sprintf("threads: %d not shown (the first %d are)", len(tids)-maxThreads, maxThreads))
		tids = tids[:maxThreads]
	}
	for i, tid := range tids {
		if tid == int(id.PID) && i > 0 {
			tids[0], tids[i] = tids[i], tids[0]
		}
	}
	var denied error // the first thread's syscall the kernel refused, for all
	for _, tid := range tids {
		t, err := d.thread(tid, &denied)
		if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ESRCH) && tid != int(id.PID) {
			continue // a thread that ended since the listing
		}
		if err != nil {
			return a, exited(err)
		}
		a.Threads = append(a.Threads, t)
	}
	if denied != nil {
		a.Problems = append(a.Problems, "system calls: "+errText(denied))
	}
	if b, err := d.read("stack"); err != nil {
		a.Problems = append(a.Problems, "kernel stack: "+errText(err))
	} else {
		a.Stack = procfs.ParseStack(b)
	}
	return a, nil
}

// thread reads one thread's state, system call and wait channel.
func (d *procDir) thread(tid int, denied *error) (ThreadActivity, error) {
	dir := "task/" + strconv.Itoa(tid) + "/"
	t := ThreadActivity{TID: int32(tid)}
	b, err := d.read(dir + "stat")
	if err != nil {
		return t, err
	}
	var st procfs.Stat
	if err := procfs.ParseStat(b, &st); err == nil {
		t.Name, t.State = string(st.Comm()), st.State
	}
	if st.IsKernelThread() || st.State == 'Z' || st.State == 'X' {
		// No user registers: the kernel's syscall file says "0 0x0 …" for a
		// kernel thread, which would read as a read(2).
		t.Syscall = SyscallState{Known: true, Nr: -1}
		t.Kernel = st.IsKernelThread()
	} else if b, err := d.read(dir + "syscall"); err == nil {
		if sc, err := procfs.ParseSyscall(b); err == nil {
			t.Syscall = SyscallState{Known: true, Running: sc.State == procfs.SyscallRunning, Nr: sc.Nr,
				Name: procfs.SyscallName(runtime.GOARCH, sc.Nr), Args: sc.Args}
		}
	} else if *denied == nil && !errors.Is(err, unix.ESRCH) && !errors.Is(err, unix.ENOENT) {
		*denied = err
	}
	if b, err := d.read(dir + "wchan"); err == nil {
		t.Wchan = procfs.ParseWchan(b)
	}
	return t, nil
}
