package sqlite

import "testing"

// A history on \\server\share or a mapped drive is refused on Windows; the
// string half of that judgement runs here, on every system.
func TestClassifyWindowsPath(t *testing.T) {
	for _, c := range []struct {
		path  string
		unc   bool
		drive string
	}{
		{`\\fileserver\复盘\history`, true, ""},
		{`//fileserver/复盘/history`, true, ""},
		{`\\?\UNC\fileserver\share\h`, true, ""},
		{`\\?\unc\fileserver\share\h`, true, ""},
		{`\\?\C:\ProgramData\fupan`, false, `C:\`},
		{`C:\ProgramData\fupan`, false, `C:\`},
		{`z:\复盘`, false, `Z:\`},
		{`C:`, false, `C:\`},
		{`history`, false, ""},
		{`/var/lib/fupan`, false, ""},
		{`1:\x`, false, ""},
	} {
		got := classifyWindowsPath(c.path)
		if got.UNC != c.unc || got.Drive != c.drive {
			t.Errorf("%s: %+v; want UNC %v, drive %q", c.path, got, c.unc, c.drive)
		}
	}
}

// macOS names a share's file system in statfs(2): those are refused, its own
// disks are not.
func TestNetworkTypeName(t *testing.T) {
	for name, want := range map[string]bool{"smbfs": true, "nfs": true, "afpfs": true, "webdav": true, "macfuse": true, "apfs": false, "hfs": false, "msdos": false, "exfat": false, "": false} {
		if got := networkTypeName(name); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}
