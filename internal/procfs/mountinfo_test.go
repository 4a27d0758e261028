package procfs

import (
	"os"
	"slices"
	"testing"
)

func TestParseMountInfo(t *testing.T) {
	tests := []struct {
		file     string
		want     []Mount
		wantFail bool
	}{
		{file: "normal", want: []Mount{
			{MountPoint: "/proc", FSType: "proc", Source: "proc", SuperOptions: "rw"},
			{MountPoint: "/sys", FSType: "sysfs", Source: "sysfs", SuperOptions: "rw"},
			{MountPoint: "/tmp/my proc", FSType: "proc", Source: "proc", SuperOptions: "rw,hidepid=invisible,gid=27"},
			{MountPoint: "/proc", FSType: "proc", Source: "proc", SuperOptions: "rw,hidepid=2"},
		}},
		{file: "empty"},
		{file: "bad-escapes", want: []Mount{ // kept as written: not an escape the kernel makes
			{MountPoint: `/a\1`, FSType: "proc", Source: "proc", SuperOptions: "rw"},
			{MountPoint: `/b\999\`, FSType: "t", Source: "s", SuperOptions: "o"},
		}},
		{file: "no-separator", wantFail: true},
		{file: "no-options", wantFail: true},
		{file: "truncated", wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ParseMountInfo(hostile(t, "mountinfo", tt.file))
			if wantErr(t, err, tt.wantFail) {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseMountInfoLive(t *testing.T) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Skip(err)
	}
	mounts, err := ParseMountInfo(b)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(mounts, func(m Mount) bool { return m.FSType == "proc" }) {
		t.Errorf("no proc mount in %+v", mounts)
	}
}

func TestHidesPIDs(t *testing.T) {
	tests := []struct {
		opts  string
		hides bool
		gid   int64
	}{
		{"rw", false, -1},
		{"rw,hidepid=0", false, -1},
		{"rw,hidepid=off", false, -1},
		{"rw,hidepid=1", true, -1},
		{"rw,hidepid=noaccess", true, -1},
		{"rw,hidepid=2", true, -1},
		{"rw,hidepid=invisible,gid=27", true, 27},
		{"rw,hidepid=ptraceable", true, -1},
		{"rw,subset=pid", false, -1}, // hides /proc's other files, not processes
		{"rw,gid=x,hidepid=2", true, -1},
	}
	for _, tt := range tests {
		if hides, gid := HidesPIDs(tt.opts); hides != tt.hides || gid != tt.gid {
			t.Errorf("HidesPIDs(%q) = %v, %d; want %v, %d", tt.opts, hides, gid, tt.hides, tt.gid)
		}
	}
}

func FuzzParseMountInfo(f *testing.F) {
	seedFuzz(f, "mountinfo")
	f.Fuzz(func(t *testing.T, b []byte) {
		mounts, err := ParseMountInfo(b)
		if err != nil {
			fuzzErr(t, err)
			return
		}
		for _, m := range mounts {
			if m.FSType == "" || m.SuperOptions == "" {
				t.Fatalf("empty field in %+v", m)
			}
		}
	})
}
