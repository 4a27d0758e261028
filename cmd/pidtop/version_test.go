package main

import (
	"os/exec"
	"regexp"
	"testing"
)

func TestVersionStamped(t *testing.T) {
	old := version
	t.Cleanup(func() { version = old })
	version = "1.2.3"
	if got := versionString(); got != "1.2.3" {
		t.Errorf("stamped version printed as %q", got)
	}
}

// A plain `go build` (as `go install` does) prints what Go recorded of the
// build: a tag, or a pseudo-version naming the commit (+dirty for a changed
// work tree), not "dev".
func TestVersionFromBuildInfo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if err := exec.Command("git", "rev-parse", "HEAD").Run(); err != nil {
		t.Skip("not in a git checkout: the build records no commit")
	}
	bin := buildBinary(t, ".", "pidtop")
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^pidtop (\d+\.\d+\.\d+\S*|[0-9a-f]{12}(-dirty)?)\n$`).Match(out) {
		t.Errorf("--version printed %q", out)
	}
}
