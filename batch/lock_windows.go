package batch

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive lock on path for the life of the process, as
// flock does on Unix: Windows releases a LockFileEx lock when the process
// dies, so a crashed run never leaves a lock behind.
func lockFile(path string) (func() error, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the lock %s: %w", path, err)
	}
	h := windows.Handle(f.Fd())
	// The lock covers a byte past any pid written, so the pid itself stays
	// readable to the run that is refused.
	ol := new(windows.Overlapped)
	ol.Offset = 1 << 20
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		holder, _ := os.ReadFile(path)
		_ = f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, fmt.Errorf("%w (pid %s)", ErrLocked, strings.TrimSpace(string(holder)))
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt(pidText(), 0)
	return func() error {
		_ = windows.UnlockFileEx(h, 0, 1, 0, ol)
		return f.Close()
	}, nil
}
