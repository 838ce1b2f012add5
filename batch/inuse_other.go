//go:build !windows

package batch

// openElsewhere: Unix has no mandatory sharing locks; Excel's owner file
// beside the workbook (lockedByExcel) is what says it is open.
func openElsewhere(string) bool { return false }
