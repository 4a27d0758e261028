package uitest

import (
	"slices"
	"testing"
)

func TestSGR(t *testing.T) {
	var s SGR
	if !s.Apply("1;38;5;244;48;2;1;2;3") || !slices.Equal(s.Attrs, []int{1}) || s.Fg != "5;244" || s.Bg != "2;1;2;3" {
		t.Errorf("after 1;38;5;244;48;2;1;2;3: %+v", s)
	}
	if got, want := s.Cell("x"), `"x"[[1]|5;244|2;1;2;3]`; got != want {
		t.Errorf("cell %s, want %s", got, want)
	}
	if !s.Apply("7;39") || s.Cell(" ") != `" "[[7]||2;1;2;3]` {
		t.Errorf("a blank shows its background and reverse only: %s", s.Cell(" "))
	}
	if !s.Apply("") || s.Cell("y") != `"y"[[]||]` {
		t.Errorf("no parameter is a reset: %+v", s)
	}
	if s.Apply("4:3") || s.Apply("58;5;1") {
		t.Error("unknown parameters accepted")
	}
}
