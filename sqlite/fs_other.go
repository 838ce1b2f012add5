//go:build !linux && !windows

package sqlite

// networkFS is only known on Linux; elsewhere the README's advice stands.
func networkFS(string) (bool, string) { return false, "" }
