package sysctl

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestDecodeTaskInfo(t *testing.T) {
	b := make(image, TaskInfoSize).
		u64(0, 400<<30).u64(8, 12<<20).u64(16, 3_000_000).u64(24, 1_000_000).
		u64(32, 99).u64(40, 98).i32(48, 1).i32(52, 5000).i32(56, 7).i32(60, 3).
		i32(76, 77).i32(80, 1234).i32(84, 4).i32(88, 1).i32(92, 31)
	var got TaskInfo
	if err := DecodeTaskInfo(b, &got); err != nil {
		t.Fatal(err)
	}
	w := TaskInfo{VirtualSize: 400 << 30, ResidentSize: 12 << 20, TotalUser: 3_000_000, TotalSystem: 1_000_000,
		Faults: 5000, Pageins: 7, ContextSw: 1234, Threads: 4, Running: 1, Priority: 31}
	if got != w {
		t.Errorf("got %+v\nwant %+v", got, w)
	}
	if err := DecodeTaskInfo(b[:TaskInfoSize-4], &got); !errors.Is(err, ErrMalformed) {
		t.Errorf("short buffer: err = %v", err)
	}
}

func TestDecodeRusageInfo(t *testing.T) {
	// Every counter set, so a wrong offset reads a neighbour's value.
	b := make(image, RusageInfoV2Size)
	for off := 16; off < RusageInfoV2Size; off += 8 {
		b.u64(off, uint64(off))
	}
	b.u64(144, 1<<40).u64(152, 4096)
	var got RusageInfo
	want := RusageInfo{DiskRead: 1 << 40, DiskWritten: 4096, ChildUser: 96, ChildSystem: 104, ChildPageins: 128}
	if err := DecodeRusageInfo(b, &got); err != nil || got != want {
		t.Errorf("got %+v, err %v", got, err)
	}
	if err := DecodeRusageInfo(b[:152], &got); !errors.Is(err, ErrMalformed) {
		t.Errorf("rusage_info_v1-sized buffer: err = %v", err)
	}
}

func TestDecodeCPUTicks(t *testing.T) {
	cp := make(image, 80).u64(0, 10).u64(8, 1).u64(16, 5).u64(24, 2).u64(32, 900).
		u64(40, 20).u64(48, 0).u64(56, 6).u64(64, 0).u64(72, 800)
	got, err := DecodeCPTimes(cp, make([]CPUTicks, 8))
	w := []CPUTicks{{User: 10, Nice: 1, System: 5, Intr: 2, Idle: 900}, {User: 20, System: 6, Idle: 800}}
	if err != nil || !reflect.DeepEqual(got, w) {
		t.Errorf("cp_times: %+v, err %v", got, err)
	}
	if _, err := DecodeCPTimes(cp[:79], nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("cp_times of 79 bytes: err = %v", err)
	}
	ml := make(image, 32).u32(0, 10).u32(4, 5).u32(8, 900).u32(12, 1).u32(16, 0xffffffff).u32(28, 3)
	got, err = DecodeMachCPULoad(ml, got)
	w = []CPUTicks{{User: 10, System: 5, Idle: 900, Nice: 1}, {User: 0xffffffff, Nice: 3}}
	if err != nil || !reflect.DeepEqual(got, w) {
		t.Errorf("cpu load info: %+v, err %v", got, err)
	}
	if _, err := DecodeMachCPULoad(ml[:20], nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("cpu load info of 20 bytes: err = %v", err)
	}
}

func TestDecodeLoadavg(t *testing.T) {
	b := make(image, 24).u32(0, 1024).u32(4, 2048).u32(8, 3072).i64(16, 2048)
	if got, err := DecodeLoadavg(b); err != nil || got != [3]float64{0.5, 1, 1.5} {
		t.Errorf("got %v, err %v", got, err)
	}
	for name, bad := range map[string][]byte{"fscale 0": make(image, 24), "short": b[:20]} {
		if _, err := DecodeLoadavg(bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestDecodeSwap(t *testing.T) {
	xsu := make(image, 32).u64(0, 2<<30).u64(8, 1<<30).u64(16, 1<<30).u32(24, 4096)
	if got, err := DecodeSwapUsage(xsu); err != nil || got != (SwapInfo{Total: 2 << 30, Used: 1 << 30}) {
		t.Errorf("xsw_usage: %+v, err %v", got, err)
	}
	if _, err := DecodeSwapUsage(xsu[:16]); !errors.Is(err, ErrMalformed) {
		t.Errorf("short xsw_usage: err = %v", err)
	}
	dev := make(image, XswdevSize).u32(0, 2).u64(8, 0x42).i32(16, 1).i32(20, 524288).i32(24, 1000)
	if total, used, err := DecodeXswdev(dev); err != nil || total != 524288 || used != 1000 {
		t.Errorf("xswdev: %d %d, err %v", total, used, err)
	}
	if _, _, err := DecodeXswdev(make(image, XswdevSize).u32(0, 1)); !errors.Is(err, ErrLayout) {
		t.Errorf("xswdev version 1: err = %v", err)
	}
	if _, _, err := DecodeXswdev(dev.i32(24, -1)); !errors.Is(err, ErrMalformed) {
		t.Errorf("xswdev negative use: err = %v", err)
	}
}

func TestDecodeTimeval(t *testing.T) {
	b := make(image, 16).i64(0, 1_700_000_000).i32(8, 250_000)
	if got, err := DecodeTimeval(b); err != nil || !got.Equal(time.Unix(1_700_000_000, 250_000_000)) {
		t.Errorf("got %v, err %v", got, err)
	}
	if _, err := DecodeTimeval(b.i32(8, 1_000_000)); !errors.Is(err, ErrMalformed) {
		t.Errorf("usec out of range: err = %v", err)
	}
	if _, err := DecodeTimeval(b[:8]); !errors.Is(err, ErrMalformed) {
		t.Errorf("short: err = %v", err)
	}
}
