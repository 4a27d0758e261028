package winproc

// ThreadState is a thread's scheduler state (KTHREAD_STATE) as
// SYSTEM_THREAD_INFORMATION reports it.
type ThreadState uint32

// The thread states.
const (
	ThreadInitialized   ThreadState = 0 // being created
	ThreadReady         ThreadState = 1 // waiting for a processor
	ThreadRunning       ThreadState = 2 // on a processor
	ThreadStandby       ThreadState = 3 // chosen to run next on a processor
	ThreadTerminated    ThreadState = 4 // finished, object not yet freed
	ThreadWaiting       ThreadState = 5 // waiting on an object; see WaitReason
	ThreadTransition    ThreadState = 6 // ready, but its kernel stack is paged out
	ThreadDeferredReady ThreadState = 7 // ready, processor not yet chosen
	ThreadGateWait      ThreadState = 8 // waiting on a gate (obsolete)
	ThreadWaitingInSwap ThreadState = 9 // waiting for its process to be swapped in
)

// WaitReason is why a waiting thread waits (KWAIT_REASON). Only the reasons this
// package acts on are named.
type WaitReason uint32

// The wait reasons that mean "suspended" (SuspendThread, NtSuspendProcess).
const (
	WaitSuspended   WaitReason = 5
	WaitWrSuspended WaitReason = 12
)

// runnable reports whether the thread is on a processor or wants one.
func (s ThreadState) runnable() bool {
	switch s {
	case ThreadInitialized, ThreadReady, ThreadRunning, ThreadStandby,
		ThreadTransition, ThreadDeferredReady, ThreadWaitingInSwap:
		return true
	}
	return false
}

// Suspended reports whether a thread in state s with reason r is suspended.
func Suspended(s ThreadState, r WaitReason) bool {
	return s == ThreadWaiting && (r == WaitSuspended || r == WaitWrSuspended)
}

// RunState summarises a process from its threads' states. Windows has no process
// state of its own; this is the honest reduction:
//
//	RunRunning    at least one thread runs or is ready to run
//	RunSuspended  every live thread waits because it was suspended
//	RunWaiting    otherwise, some thread waits (the usual case: an idle program)
//	RunExited     no live thread: the process has exited and its object is kept
//	              only because someone still holds a handle to it
type RunState uint8

// The RunStates.
const (
	RunWaiting RunState = iota
	RunRunning
	RunSuspended
	RunExited
)

// stateTally accumulates one process's threads into a RunState.
type stateTally struct {
	live, runnable, suspended int
}

func (t *stateTally) add(s ThreadState, r WaitReason) {
	if s == ThreadTerminated {
		return
	}
	t.live++
	switch {
	case s.runnable():
		t.runnable++
	case Suspended(s, r):
		t.suspended++
	}
}

func (t *stateTally) state() RunState {
	switch {
	case t.live == 0:
		return RunExited
	case t.runnable > 0:
		return RunRunning
	case t.suspended == t.live:
		return RunSuspended
	}
	return RunWaiting
}
