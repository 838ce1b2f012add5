package batch

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncEachOutput is false on Linux: a run flushes its file system once.
const syncEachOutput = false

// flushFS writes everything written to dir's file system to disk, once for a
// whole run instead of a sync per output.
func flushFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("syncfs %s: %w", dir, err)
	}
	return nil
}
