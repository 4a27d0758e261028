package control

import (
	"strings"
	"testing"
)

func TestSignalsLinux(t *testing.T) {
	list := Signals()
	byName := map[string]int{}
	for i, s := range list {
		if i > 0 && s.Num < list[i-1].Num {
			t.Errorf("%s (%d) after %s (%d): not in number order", s.Name, s.Num, list[i-1].Name, list[i-1].Num)
		}
		if _, dup := byName[s.Name]; dup || !strings.HasPrefix(s.Name, "SIG") {
			t.Errorf("bad or repeated name %q", s.Name)
		}
		byName[s.Name] = s.Num
	}
	want := map[string]int{"SIGHUP": 1, "SIGKILL": 9, "SIGTERM": 15, "SIGSYS": 31,
		"SIGRTMIN": 34, "SIGRTMIN+15": 49, "SIGRTMAX-14": 50, "SIGRTMAX": 64}
	for name, num := range want {
		if byName[name] != num {
			t.Errorf("%s = %d, want %d", name, byName[name], num)
		}
	}
	if list[0].Name != "SIGHUP" || list[len(list)-1].Name != "SIGRTMAX" || len(list) != 31+2+31 {
		t.Errorf("%d signals from %s to %s, want 64 from SIGHUP to SIGRTMAX",
			len(list), list[0].Name, list[len(list)-1].Name)
	}
	if g := GracefulSignal(); byName[g.Name] != g.Num {
		t.Errorf("GracefulSignal %+v is not in the list", g)
	}
}

// TestZombieExit decodes exit_code (stat field 52) in wait-status form.
func TestZombieExit(t *testing.T) {
	tail := strings.Repeat(" 0", 47) + " " // fields 5..51
	cases := []struct {
		stat string
		ok   bool
		want Exit
	}{
		{"42 (a) b) Z 1" + tail + "1792\n", true, Exit{StatusKnown: true, Code: 7}},
		{"42 (sh) Z 1" + tail + "15\n", true, Exit{StatusKnown: true, Signaled: true, Signal: 15}},
		{"42 (sh) S 1" + tail + "15\n", false, Exit{}}, // not a zombie
		{"42 (sh) Z 1 0 0 0 1792\n", false, Exit{}},    // too short
		{"42 (sh) Z 1" + tail + "x\n", false, Exit{}},  // not a number
	}
	for _, c := range cases {
		got, ok := zombieExit([]byte(c.stat))
		if ok != c.ok || got != c.want {
			t.Errorf("zombieExit(%q) = %+v, %v; want %+v, %v", c.stat, got, ok, c.want, c.ok)
		}
	}
}
