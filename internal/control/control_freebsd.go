// Placeholder until the freebsd implementation lands.

package control

import "context"

func sendOS(Target, Signal, Options) (Result, error) {
	return Result{Path: PathUnknown}, ErrUnsupported
}

func reniceOS(Target, int, Options) (Result, error) {
	return Result{Path: PathUnknown}, ErrUnsupported
}

func waitOS(context.Context, Target, Options) (Exit, error) { return Exit{}, ErrUnsupported }

func signalsOS() []Signal { return nil }

func gracefulSignal() Signal { return Signal{Num: 15, Name: "SIGTERM"} }

func forceSignal() Signal { return Signal{Num: 9, Name: "SIGKILL"} }
