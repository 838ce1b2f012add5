//go:build !linux && !windows && !darwin

package sqlite

// networkFS is known on Linux, macOS and Windows; elsewhere the README's advice stands.
func networkFS(string) (bool, string) { return false, "" }
