//go:build !unix

package config

// openFlags is none where there are no FIFOs to block on.
const openFlags = 0
