package sqlite

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Magic numbers of network file systems (statfs(2), linux/magic.h), on
// which SQLite's locks and WAL's shared memory do not hold.
var networkMagic = map[int64]string{
	0x6969:     "nfs",
	0x517B:     "smb",
	0xFF534D42: "cifs",
	0xFE534D42: "smb2",
	0x564C:     "ncp",
	0x01021997: "9p",
	0x00C36400: "ceph",
	0x0BD00BD0: "lustre",
	0x5346414F: "afs",
	0x6B414653: "afs",
	0x65735546: "fuse (sshfs, rclone…)",
	0x47504653: "gpfs",
	0xA501FCF5: "vxfs",
}

// networkFS reports whether dir is on a network file system, and which.
// A folder that does not exist yet is judged by its nearest parent.
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
	name, ok := networkMagic[int64(st.Type)]
	return ok, name
}
