//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package auth

import "os"

// tryFlock always succeeds: this platform has no flock, so FileStore
// serialises only the goroutines of one process.
func tryFlock(*os.File) (bool, error) { return true, nil }
