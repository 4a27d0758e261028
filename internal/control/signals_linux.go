package control

import (
	"cmp"
	"slices"
	"strconv"

	"golang.org/x/sys/unix"
)

// sigRTMin is the first real-time signal as C programs number it: glibc and musl
// keep the kernel's 32 and 33 for their threads and call 34 SIGRTMIN.
const sigRTMin = 34

// standardSignals are the signals every Linux architecture has, aliases included
// as htop lists them; archSignals adds the per-architecture ones.
var standardSignals = []Signal{
	{int(unix.SIGHUP), "SIGHUP"}, {int(unix.SIGINT), "SIGINT"},
	{int(unix.SIGQUIT), "SIGQUIT"}, {int(unix.SIGILL), "SIGILL"},
	{int(unix.SIGTRAP), "SIGTRAP"}, {int(unix.SIGABRT), "SIGABRT"},
	{int(unix.SIGIOT), "SIGIOT"}, {int(unix.SIGBUS), "SIGBUS"},
	{int(unix.SIGFPE), "SIGFPE"}, {int(unix.SIGKILL), "SIGKILL"},
	{int(unix.SIGUSR1), "SIGUSR1"}, {int(unix.SIGSEGV), "SIGSEGV"},
	{int(unix.SIGUSR2), "SIGUSR2"}, {int(unix.SIGPIPE), "SIGPIPE"},
	{int(unix.SIGALRM), "SIGALRM"}, {int(unix.SIGTERM), "SIGTERM"},
	{int(unix.SIGCHLD), "SIGCHLD"}, {int(unix.SIGCONT), "SIGCONT"},
	{int(unix.SIGSTOP), "SIGSTOP"}, {int(unix.SIGTSTP), "SIGTSTP"},
	{int(unix.SIGTTIN), "SIGTTIN"}, {int(unix.SIGTTOU), "SIGTTOU"},
	{int(unix.SIGURG), "SIGURG"}, {int(unix.SIGXCPU), "SIGXCPU"},
	{int(unix.SIGXFSZ), "SIGXFSZ"}, {int(unix.SIGVTALRM), "SIGVTALRM"},
	{int(unix.SIGPROF), "SIGPROF"}, {int(unix.SIGWINCH), "SIGWINCH"},
	{int(unix.SIGIO), "SIGIO"}, {int(unix.SIGPOLL), "SIGPOLL"},
	{int(unix.SIGPWR), "SIGPWR"}, {int(unix.SIGSYS), "SIGSYS"},
}

// signalsOS lists every signal by number, the standard ones first and then
// SIGRTMIN … SIGRTMAX named as kill -l names them (SIGRTMIN+n up to the middle,
// SIGRTMAX-n after it).
func signalsOS() []Signal {
	rtMax := sigRTMax()
	list := make([]Signal, 0, len(standardSignals)+len(archSignals)+rtMax-sigRTMin+1)
	list = append(list, standardSignals...)
	list = append(list, archSignals...)
	slices.SortStableFunc(list, func(a, b Signal) int { return cmp.Compare(a.Num, b.Num) })
	half := (rtMax - sigRTMin) / 2
	for n := sigRTMin; n <= rtMax; n++ {
		name := "SIGRTMIN"
		switch {
		case n == rtMax:
			name = "SIGRTMAX"
		case n-sigRTMin > half:
			name = "SIGRTMAX-" + strconv.Itoa(rtMax-n)
		case n > sigRTMin:
			name = "SIGRTMIN+" + strconv.Itoa(n-sigRTMin)
		}
		list = append(list, Signal{Num: n, Name: name})
	}
	return list
}
