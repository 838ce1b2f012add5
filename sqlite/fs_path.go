package sqlite

import "strings"

// winPath is what a Windows path says of where it lives, before any system
// call: a UNC path is a share whatever the machine; a drive letter must be
// asked of the system (GetDriveType), as a mapped drive looks like a local one.
type winPath struct {
	UNC   bool   // \\server\share\…, //server/share/…, \\?\UNC\…
	Drive string // "C:\" for a drive-letter path; "" otherwise
}

// classifyWindowsPath reads p as Windows would. It is plain string work, so
// it is tested on every system.
func classifyWindowsPath(p string) winPath {
	s := strings.ReplaceAll(p, "/", `\`)
	// The long-path prefixes: \\?\C:\… is local, \\?\UNC\server\… a share.
	for _, pre := range []string{`\\?\`, `\\.\`} {
		if rest, ok := strings.CutPrefix(s, pre); ok {
			if len(rest) >= 4 && strings.EqualFold(rest[:4], `UNC\`) {
				return winPath{UNC: true}
			}
			s = rest
			break
		}
	}
	if strings.HasPrefix(s, `\\`) {
		return winPath{UNC: true}
	}
	if len(s) >= 2 && s[1] == ':' && isLetter(s[0]) {
		return winPath{Drive: strings.ToUpper(s[:1]) + `:\`}
	}
	return winPath{}
}

func isLetter(b byte) bool { return 'A' <= b&^0x20 && b&^0x20 <= 'Z' }

// networkTypeName tells the network file systems by the type names macOS
// and the BSDs give in statfs(2)'s f_fstypename.
func networkTypeName(name string) bool {
	switch name {
	case "smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp", "osxfuse", "macfuse", "fusefs":
		return true
	}
	return false
}

// OnNetworkFS reports whether dir is on a network file system, and which, as
// Open judges it: for `fupan doctor`, which says so before a run does.
func OnNetworkFS(dir string) (bool, string) { return networkFS(dir) }
