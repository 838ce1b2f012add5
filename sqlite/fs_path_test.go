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
