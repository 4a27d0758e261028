//go:build !unix

package config

import "testing"

var unusualUnix []unusual

func loadWithin(t *testing.T, path string) (Settings, *File, []Problem) { return Load(path) }
