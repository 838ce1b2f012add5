package batch

import (
	"errors"

	"golang.org/x/sys/windows"
)

// openElsewhere reports whether another program holds path open for writing:
// Excel keeps a workbook it has open locked against writers, and over a share
// its "~$" owner file is not always visible. Opening it while refusing to
// share writing fails with a sharing violation then; watch waits and tries
// again at its next look.
func openElsewhere(path string) bool {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ, windows.FILE_SHARE_READ, nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return sharingViolation(err)
	}
	_ = windows.CloseHandle(h)
	return false
}

func sharingViolation(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
