package sqlite

import (
	"bytes"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// networkFS reports whether dir is on a network file system, and which, by
// the type name statfs(2) gives on macOS. A folder that does not exist yet is
// judged by its nearest parent.
func networkFS(dir string) (bool, string) {
	var st unix.Statfs_t
	for {
		if err := unix.Statfs(dir, &st); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false, ""
		}
		dir = parent
	}
	name := string(bytes.TrimRight(st.Fstypename[:], "\x00"))
	return networkTypeName(name), name
}
