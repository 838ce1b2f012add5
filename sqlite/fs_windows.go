package sqlite

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// networkFS reports whether dir is on a share: a UNC path, or a drive letter
// the system calls remote (a mapped network drive), where SQLite's locks do
// not hold.
func networkFS(dir string) (bool, string) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	p := classifyWindowsPath(dir)
	if p.UNC {
		return true, "smb (UNC path)"
	}
	if p.Drive == "" {
		return false, ""
	}
	root, err := windows.UTF16PtrFromString(p.Drive)
	if err != nil {
		return false, ""
	}
	if windows.GetDriveType(root) == windows.DRIVE_REMOTE {
		return true, "smb (mapped network drive " + p.Drive + ")"
	}
	return false, ""
}
