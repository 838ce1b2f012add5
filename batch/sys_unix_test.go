//go:build unix

package batch_test

import (
	"os"
	"syscall"
)

// peakKiB is a finished process's peak memory (KiB on Linux, bytes on macOS).
func peakKiB(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return ru.Maxrss
}

func mkfifo(path string, mode uint32) error { return syscall.Mkfifo(path, mode) }
