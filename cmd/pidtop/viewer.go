package main

import (
	"context"
	"errors"
)

func runViewer(ctx context.Context, o options) error {
	return errors.New("the interactive viewer is not wired yet: use -b")
}
