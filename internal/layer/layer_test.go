package layer

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	defer Load("")
	if err := Load(" SkipIdle, compact ,"); err != nil {
		t.Fatal(err)
	}
	if On(SkipIdle) || On(Compact) || !On(Shift) {
		t.Errorf("after skipidle,compact: off %v", Off())
	}
	err := Load("shift,nosuch")
	if err == nil || !strings.Contains(err.Error(), `"nosuch"`) || !strings.Contains(err.Error(), "firstlook") {
		t.Errorf("an unknown layer: %v", err)
	}
	if On(Shift) || !On(SkipIdle) {
		t.Errorf("the known names beside an unknown one: off %v", Off())
	}
	if err := Load("all"); err != nil || len(Off()) != len(All) {
		t.Errorf("all: %v, off %v", err, Off())
	}
	if err := Load(""); err != nil || len(Off()) != 0 {
		t.Errorf("none: %v, off %v", err, Off())
	}
}

func TestSet(t *testing.T) {
	restore := Set(Shift, false)
	if On(Shift) {
		t.Error("Set off")
	}
	restore()
	if !On(Shift) {
		t.Error("restore")
	}
}

// Every layer has a unique name, a figure and a doc.
func TestAll(t *testing.T) {
	seen := map[string]bool{}
	for i, l := range All {
		if l.Name == "" || l.Figure == "" || l.Doc == "" || seen[l.Name] || l.Name != strings.ToLower(l.Name) {
			t.Errorf("layer %d: %+v", i, l)
		}
		seen[l.Name] = true
		if id, ok := Lookup(l.Name); !ok || id != ID(i) {
			t.Errorf("Lookup(%q) = %d, %v", l.Name, id, ok)
		}
	}
}
