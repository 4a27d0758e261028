package sysctl

import (
	"testing"
	"unsafe"
)

// fbsdKinfoProc is FreeBSD's struct kinfo_proc (sys/sys/user.h, FreeBSD 12+)
// rebuilt field by field with LP64 C types: pointer, long, vm_size_t and segsz_t
// are 8 bytes, sigset_t 16, struct timeval 16, struct rusage 144. On a 64-bit
// host Go lays it out as the C compiler does, so its offsets check the decoder's.
type fbsdKinfoProc struct {
	Structsize, Layout                                    int32
	Args, Paddr, Addr, Tracep, Textvp, Fd, Vmspace, Wchan uint64
	Pid, Ppid, Pgid, Tpgid, Sid, Tsid                     int32
	Jobc, SpareShort1                                     int16
	TdevFreebsd11                                         uint32
	Siglist, Sigmask, Sigignore, Sigcatch                 [16]byte
	UID, Ruid, Svuid, Rgid, Svgid                         uint32
	Ngroups, SpareShort2                                  int16
	Groups                                                [16]uint32
	Size                                                  uint64
	Rssize, Swrss, Tsize, Dsize, Ssize                    int64
	Xstat, Acflag                                         uint16
	Pctcpu, Estcpu, Slptime, Swtime, Cow                  uint32
	Runtime                                               uint64
	Start, Childtime                                      [2]int64
	Flag, Kiflag                                          int64
	Traceflag                                             int32
	Stat                                                  byte
	Nice                                                  int8
	Lock, Rqindex, OncpuOld, LastcpuOld                   byte
	Tdname                                                [17]byte
	Wmesg                                                 [9]byte
	Login                                                 [18]byte
	Lockname                                              [9]byte
	Comm                                                  [20]byte
	Emul                                                  [17]byte
	Loginclass                                            [18]byte
	Moretdname                                            [4]byte
	Sparestrings                                          [46]byte
	Spareints                                             [2]int32
	Tdev                                                  uint64
	Oncpu, Lastcpu, Tracer, Flag2, Fibnum                 int32
	CrFlags                                               uint32
	Jid, Numthreads, Tid                                  int32
	PriClass, PriLevel, PriNative, PriUser                byte
	Rusage, RusageCh                                      fbsdRusage
	Pcb, Kstack, Udata, Tdaddr, Pd                        uint64
	Spareptrs                                             [5]uint64
	Sparelongs                                            [12]int64
	Sflag, Tdflags                                        int64
}

type fbsdRusage struct {
	Utime, Stime                                      [2]int64
	Maxrss, Ixrss, Idrss, Isrss, Minflt, Majflt       int64
	Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals int64
	Nvcsw, Nivcsw                                     int64
}

// macKinfoProc is golang.org/x/sys/unix.KinfoProc for darwin (cgo -godefs of
// sys/sysctl.h) with its pointers as uint64, for checking offsets on any OS;
// offsets_darwin.go checks the same offsets against the real type.
type macKinfoProc struct {
	// struct extern_proc
	StartSec                     int64
	StartUsec                    int32
	_                            [4]byte
	Vmspace, Sigacts             uint64
	Flag                         int32
	Stat                         int8
	Pid, Oppid, Dupfd            int32
	UserStack, ExitThread        uint64
	Debugger, Sigwait            int32
	Estcpu                       uint32
	Cpticks                      int32
	Pctcpu                       uint32
	Wchan, Wmesg                 uint64
	Swtime, Slptime              uint32
	Realtimer                    [2][2]int64
	Rtime                        [2]int64
	Uticks, Sticks, Iticks       uint64
	Traceflag                    int32
	Tracep                       uint64
	Siglist                      int32
	Textvp                       uint64
	Holdcnt                      int32
	Sigmask, Sigignore, Sigcatch uint32
	Priority, Usrpri             uint8
	Nice                         int8
	Comm                         [17]byte
	Pgrp, Addr                   uint64
	Xstat, Acflag                uint16
	Ru                           uint64
	// struct eproc
	Paddr, Sess              uint64
	PcLock                   [72]int8
	PcUcred                  uint64
	Ruid, Svuid, Rgid, Svgid uint32
	Refcnt                   int32
	_                        [4]byte
	CrRef                    int32
	CrUID                    uint32
	CrNgroups                int16
	CrGroups                 [16]uint32
	Vm                       macVmspace // a struct: 8-aligned
	Ppid, Pgid               int32
	Jobc                     int16
	Tdev, Tpgid              int32
	Tsess                    uint64
	EWmesg                   [8]byte
	Xsize                    int32
	Xrssize, Xccount, Xswrss int16
	EFlag                    int32
	Login                    [12]byte
	Spare                    [4]int32
	_                        [4]byte
}

type macVmspace struct {
	Dummy  int32
	Dummy2 uint64
	Dummy3 [5]int32
	Dummy4 [3]uint64
}

func TestLayouts(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the mirror structs lay out as LP64 C only on a 64-bit host")
	}
	var f fbsdKinfoProc
	var m macKinfoProc
	cases := []struct {
		name      string
		got, want uintptr
	}{
		{"FreeBSD sizeof", unsafe.Sizeof(f), FreeBSDKinfoProcSize},
		{"ki_pid", unsafe.Offsetof(f.Pid), fbsdPID},
		{"ki_ppid", unsafe.Offsetof(f.Ppid), fbsdPPID},
		{"ki_pgid", unsafe.Offsetof(f.Pgid), fbsdPGID},
		{"ki_tpgid", unsafe.Offsetof(f.Tpgid), fbsdTPGID},
		{"ki_sid", unsafe.Offsetof(f.Sid), fbsdSID},
		{"ki_uid", unsafe.Offsetof(f.UID), fbsdEUID},
		{"ki_ruid", unsafe.Offsetof(f.Ruid), fbsdRUID},
		{"ki_size", unsafe.Offsetof(f.Size), fbsdSize},
		{"ki_rssize", unsafe.Offsetof(f.Rssize), fbsdRSSize},
		{"ki_slptime", unsafe.Offsetof(f.Slptime), fbsdSlpTime},
		{"ki_start", unsafe.Offsetof(f.Start), fbsdStartSec},
		{"ki_flag", unsafe.Offsetof(f.Flag), fbsdFlag},
		{"ki_stat", unsafe.Offsetof(f.Stat), fbsdStat},
		{"ki_nice", unsafe.Offsetof(f.Nice), fbsdNice},
		{"ki_tdname", unsafe.Offsetof(f.Tdname), fbsdTDName},
		{"ki_comm", unsafe.Offsetof(f.Comm), fbsdComm},
		{"ki_moretdname", unsafe.Offsetof(f.Moretdname), fbsdMoreTDName},
		{"ki_tdev", unsafe.Offsetof(f.Tdev), fbsdTDev},
		{"ki_lastcpu", unsafe.Offsetof(f.Lastcpu), fbsdLastCPU},
		{"ki_numthreads", unsafe.Offsetof(f.Numthreads), fbsdNumThreads},
		{"ki_tid", unsafe.Offsetof(f.Tid), fbsdTID},
		{"ki_pri.pri_level", unsafe.Offsetof(f.PriLevel), fbsdPriLevel},
		{"ki_rusage.ru_utime", unsafe.Offsetof(f.Rusage) + unsafe.Offsetof(f.Rusage.Utime), fbsdUTime},
		{"ki_rusage.ru_stime", unsafe.Offsetof(f.Rusage) + unsafe.Offsetof(f.Rusage.Stime), fbsdSTime},
		{"ki_rusage.ru_minflt", unsafe.Offsetof(f.Rusage) + unsafe.Offsetof(f.Rusage.Minflt), fbsdMinFlt},
		{"ki_rusage.ru_majflt", unsafe.Offsetof(f.Rusage) + unsafe.Offsetof(f.Rusage.Majflt), fbsdMajFlt},
		{"ki_rusage.ru_nvcsw", unsafe.Offsetof(f.Rusage) + unsafe.Offsetof(f.Rusage.Nvcsw), fbsdNVCsw},
		{"ki_rusage.ru_nivcsw", unsafe.Offsetof(f.Rusage) + unsafe.Offsetof(f.Rusage.Nivcsw), fbsdNIVCsw},
		{"ki_rusage_ch.ru_utime", unsafe.Offsetof(f.RusageCh) + unsafe.Offsetof(f.RusageCh.Utime), fbsdChUTime},
		{"ki_rusage_ch.ru_stime", unsafe.Offsetof(f.RusageCh) + unsafe.Offsetof(f.RusageCh.Stime), fbsdChSTime},
		{"ki_rusage_ch.ru_minflt", unsafe.Offsetof(f.RusageCh) + unsafe.Offsetof(f.RusageCh.Minflt), fbsdChMinFlt},
		{"ki_rusage_ch.ru_majflt", unsafe.Offsetof(f.RusageCh) + unsafe.Offsetof(f.RusageCh.Majflt), fbsdChMajFlt},
		{"ki_tdflags", unsafe.Offsetof(f.Tdflags), fbsdTDFlags},

		{"macOS sizeof", unsafe.Sizeof(m), DarwinKinfoProcSize},
		{"p_starttime", unsafe.Offsetof(m.StartSec), macStartSec},
		{"p_starttime.tv_usec", unsafe.Offsetof(m.StartUsec), macStartUsec},
		{"p_flag", unsafe.Offsetof(m.Flag), macFlag},
		{"p_stat", unsafe.Offsetof(m.Stat), macStat},
		{"p_pid", unsafe.Offsetof(m.Pid), macPID},
		{"p_priority", unsafe.Offsetof(m.Priority), macPriority},
		{"p_nice", unsafe.Offsetof(m.Nice), macNice},
		{"p_comm", unsafe.Offsetof(m.Comm), macComm},
		{"e_pcred.p_ruid", unsafe.Offsetof(m.Ruid), macRUID},
		{"e_ucred.cr_uid", unsafe.Offsetof(m.CrUID), macEUID},
		{"e_ppid", unsafe.Offsetof(m.Ppid), macPPID},
		{"e_pgid", unsafe.Offsetof(m.Pgid), macPGID},
		{"e_tdev", unsafe.Offsetof(m.Tdev), macTDev},
		{"e_tpgid", unsafe.Offsetof(m.Tpgid), macTPGID},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: struct says %d, decoder uses %d", c.name, c.got, c.want)
		}
	}
	if len(f.Comm) != fbsdCommLen || len(f.Tdname) != fbsdTDNameLen || len(f.Moretdname) != fbsdMoreTDLen || len(m.Comm) != macCommLen {
		t.Errorf("array lengths: comm %d tdname %d moretdname %d p_comm %d", len(f.Comm), len(f.Tdname), len(f.Moretdname), len(m.Comm))
	}
}
