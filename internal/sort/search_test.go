package sort

import "testing"

func TestFind(t *testing.T) {
	ps := procs()
	cmp, _ := By("pid", false)
	order := Apply(ps, Query{}, cmp) // 1 2 300 301 302 400
	cases := []struct {
		name     string
		from     int
		backward bool
		text     string
		want     int
	}{
		{"first match from the top", 0, false, "s", 0}, // systemd
		{"stays when current matches", 3, false, "vim", 3},
		{"next wraps around", 5, false, "systemd", 0},
		{"backward", 4, true, "bash", 2},
		{"backward wraps", 0, true, "ghost", 5},
		{"digits find a PID", 0, false, "302", 4},
		{"digits without such PID search text", 0, false, "100", 4}, // "sleep 100"
		{"case-insensitive", 0, false, "NOTES", 3},
		{"no match", 0, false, "zzz", -1},
		{"empty text", 0, false, "", -1},
		{"from out of range", 17, false, "ghost", 5},
	}
	for _, c := range cases {
		if got := Find(ps, order, c.from, c.backward, c.text); got != c.want {
			t.Errorf("%s: Find = %d, want %d", c.name, got, c.want)
		}
	}
	if got := Find(ps, nil, 0, false, "a"); got != -1 {
		t.Errorf("Find on empty order = %d", got)
	}
}
